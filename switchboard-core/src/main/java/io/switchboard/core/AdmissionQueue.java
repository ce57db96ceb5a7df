package io.switchboard.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded FIFO where a group's requests wait while every endpoint is at its concurrency limit.
 * Lock-free: waiters are claimed exactly once by compare-and-set ({@link Waiter#tryAdmit}), so a waiter
 * that timed out is skipped, and two threads draining at once never admit one waiter twice.
 */
public final class AdmissionQueue {
  private final int capacity;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  public AdmissionQueue(int capacity) {
    if (capacity < 0) throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
    this.capacity = capacity;
  }

  public int capacity() { return capacity; }

  /** Waiters queued now, including ones that timed out and are not yet swept. */
  public int depth() { return size.get(); }

  /** Queues a waiter; false (and nothing queued) when the queue is full. */
  public boolean offer(Waiter waiter) {
    for (;;) {
      int n = size.get();
      if (n >= capacity) return false;
      if (size.compareAndSet(n, n + 1)) break;
    }
    waiters.add(waiter);
    return true;
  }

  void drain(GroupRouter router) {
    for (;;) {
      Waiter head = waiters.peek();
      if (head == null) return;
      if (!head.isWaiting()) {
        removeHead(head);
        continue;
      }
      EndpointState e = router.tryRoute(head.request(), head::eligible);
      if (e == null) return;
      removeHead(head);
      if (!head.tryAdmit(e)) e.release(head.request().expectedTokens());
    }
  }

  private void removeHead(Waiter head) {
    if (waiters.remove(head)) size.decrementAndGet();
  }

  /** A request waiting for capacity. Implementations hold their state in an atomic so admission happens once. */
  public interface Waiter {
    RouteRequest request();

    /** Whether this waiter may go to {@code endpoint} (e.g. it was not already tried). */
    default boolean eligible(EndpointState endpoint) { return true; }

    /** Still waiting: not admitted, timed out or cancelled. */
    boolean isWaiting();

    /**
     * Moves the waiter from waiting to admitted on {@code endpoint}, which already holds a slot for it.
     * Returns false if it stopped waiting meanwhile; the queue then gives the slot back.
     */
    boolean tryAdmit(EndpointState endpoint);
  }
}
