package io.switchboard.core;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bounded priority queue where a group's requests wait while no endpoint can take them: every endpoint is
 * at its concurrency limit, or (with a TTFT objective whose class holds) none is predicted to meet the objective.
 * Requests leave it routed by {@link GroupRouter#route}, so a queued request gets a {@link RouteDecision} (and a
 * receipt) like any other.
 *
 * <p>Order: higher {@link RouteRequest#priority()} first, strictly; within a class by the {@link AdmissionPolicy}'s
 * {@link AdmissionPolicy.Order} (arrival, or shortest expected job first with aging; see {@link AdmissionPolicy}
 * for the starvation bound). A higher class never waits behind a lower one: the drain offers capacity to the
 * best-placed waiter first, and a lower one gets a slot only if every waiter above it either has none it may take
 * (its own filters: endpoints tried already, labels, context) or is held for its objective.
 *
 * <p>Lock-free, so it can be used from event loops: the waiters are a {@link ConcurrentSkipListSet} ordered by a
 * key fixed at arrival (aging is linear, so the order of two waiters never changes while they wait, see
 * {@link AdmissionPolicy}), the size bound is a compare-and-set counter, and each waiter is claimed exactly once by
 * its own compare-and-set ({@link Waiter#tryAdmit}, its timeout, its cancellation). Draining is serialised without
 * a lock by a work-in-progress counter: a thread that finds a drain running only asks it to run once more, and
 * returns at once.
 */
public final class AdmissionQueue {
  /** How a waiter left the queue, for metrics. */
  public enum Exit { ADMITTED, TIMED_OUT, CANCELLED }

  /** Metering hook, called after the waiter left, on the thread that removed it. Must not block. */
  public interface Meter {
    Meter NONE = (priority, waitedNanos, exit) -> {};

    /** A waiter of {@code priority} was queued. */
    default void entered(int priority) {}

    void left(int priority, long waitedNanos, Exit exit);
  }

  /** Waiters tried per drain pass after one could not be routed, so a release costs a bounded amount of work. */
  static final int MAX_MISSES_PER_DRAIN = 16;

  private final AdmissionPolicy policy;
  private final LongSupplier clock;
  private final ConcurrentSkipListSet<Ticket> waiters = new ConcurrentSkipListSet<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger draining = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<Integer, AtomicInteger> byPriority = new ConcurrentHashMap<>();
  private volatile Meter meter = Meter.NONE;

  /** A FIFO queue of {@code capacity} on the system clock (the behaviour before priorities). */
  public AdmissionQueue(int capacity) { this(AdmissionPolicy.fifo(capacity), System::nanoTime); }

  /** @param clock nanoseconds, the same clock the deadlines given to {@link #offer} are on */
  public AdmissionQueue(AdmissionPolicy policy, LongSupplier clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public AdmissionPolicy policy() { return policy; }

  public int capacity() { return policy.capacity(); }

  /** Now on this queue's clock, the clock of {@link #offer}'s deadline. */
  public long now() { return clock.getAsLong(); }

  /** Sets the hook told about every waiter that leaves. */
  public void meter(Meter m) { this.meter = Objects.requireNonNull(m, "meter"); }

  /** Waiters queued now. */
  public int depth() { return size.get(); }

  /** Waiters of one priority class queued now. */
  public int depth(int priority) {
    AtomicInteger n = byPriority.get(priority);
    return n == null ? 0 : n.get();
  }

  /**
   * Queues a waiter until {@code deadlineNanos} (on this queue's clock). Returns its ticket, or null (and nothing
   * queued) when the queue is full. The caller should drain once afterwards: a slot freed between its failed
   * routing and this offer would wake nobody.
   */
  public Ticket offer(Waiter waiter, long deadlineNanos) {
    for (;;) {
      int n = size.get();
      if (n >= policy.capacity()) return null;
      if (size.compareAndSet(n, n + 1)) break;
    }
    RouteRequest r = waiter.request();
    long now = clock.getAsLong();
    Ticket t = new Ticket(this, waiter, r.priority(), policy.key(r, now), sequence.getAndIncrement(), now, deadlineNanos);
    byPriority.computeIfAbsent(r.priority(), p -> new AtomicInteger()).incrementAndGet();
    waiters.add(t);
    meter.entered(t.priority);
    return t;
  }

  /**
   * Removes every waiter whose deadline has passed and tells it ({@link Waiter#expired}). The gateway runs a timer
   * per waiter instead and cancels its ticket; this is for callers on virtual time. Returns how many expired.
   */
  public int expire() {
    long now = clock.getAsLong();
    int n = 0;
    for (Ticket t : waiters) {
      if (t.deadlineNanos - now <= 0 && t.leave(Exit.TIMED_OUT, now)) {
        t.waiter.expired();
        n++;
      }
    }
    return n;
  }

  void drain(GroupRouter router) {
    if (draining.getAndIncrement() != 0) return;
    int missed = 1;
    do {
      drainOnce(router);
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }

  /**
   * One pass in queue order. Drops waiters that stopped waiting or whose deadline passed; skips waiters held for
   * their objective and waiters no endpoint may take (their own filters); stops when no member has a free slot.
   */
  private void drainOnce(GroupRouter router) {
    int misses = 0;
    for (Ticket t : waiters) {
      Waiter w = t.waiter;
      long now = clock.getAsLong();
      if (!w.isWaiting()) {
        t.leave(Exit.CANCELLED, now);
        continue;
      }
      if (t.deadlineNanos - now <= 0) {
        if (t.leave(Exit.TIMED_OUT, now)) w.expired();
        continue;
      }
      if (!router.anyCapacity()) return;
      RouteRequest r = w.request();
      if (r.hasObjective() && !router.objectiveReachable(r, w::eligible)) {
        if (++misses >= MAX_MISSES_PER_DRAIN) return;
        continue;
      }
      RouteDecision d = router.route(r, w::eligible, w.explain());
      if (d == null) {
        if (++misses >= MAX_MISSES_PER_DRAIN) return;
        continue;
      }
      if (w.tryAdmit(d)) {
        t.leave(Exit.ADMITTED, now);
        continue;
      }
      // It stopped waiting between the check and the claim: the decision was never used.
      t.leave(Exit.CANCELLED, now);
      d.finished(0, 0, false);
      d.endpoint().release(r.expectedTokens());
    }
  }

  private boolean remove(Ticket t) {
    if (!waiters.remove(t)) return false;
    size.decrementAndGet();
    byPriority.get(t.priority).decrementAndGet();
    return true;
  }

  /**
   * One queued waiter. Ordered by priority (higher first), then the policy's key, then arrival; equal only to
   * itself.
   */
  public static final class Ticket implements Comparable<Ticket> {
    private final AdmissionQueue queue;
    private final Waiter waiter;
    private final int priority;
    private final long key;
    private final long seq;
    private final long queuedNanos;
    private final long deadlineNanos;

    Ticket(AdmissionQueue queue, Waiter waiter, int priority, long key, long seq, long queuedNanos, long deadlineNanos) {
      this.queue = queue;
      this.waiter = waiter;
      this.priority = priority;
      this.key = key;
      this.seq = seq;
      this.queuedNanos = queuedNanos;
      this.deadlineNanos = deadlineNanos;
    }

    public long queuedNanos() { return queuedNanos; }

    public long deadlineNanos() { return deadlineNanos; }

    /** Takes the waiter out of the queue (it timed out or went away); no-op when it already left. */
    public void cancel() { leave(Exit.CANCELLED, queue.clock.getAsLong()); }

    /** The waiter's own timer fired: out of the queue, metered as a timeout. */
    public void timedOut() { leave(Exit.TIMED_OUT, queue.clock.getAsLong()); }

    private boolean leave(Exit exit, long now) {
      if (!queue.remove(this)) return false;
      queue.meter.left(priority, Math.max(0, now - queuedNanos), exit);
      return true;
    }

    @Override
    public int compareTo(Ticket o) {
      if (priority != o.priority) return priority > o.priority ? -1 : 1;
      if (key != o.key) return key < o.key ? -1 : 1;
      return Long.compare(seq, o.seq);
    }

    @Override
    public String toString() { return "Ticket{priority=" + priority + ", key=" + key + ", seq=" + seq + '}'; }
  }

  /** A request waiting for capacity. Implementations hold their state in an atomic so admission happens once. */
  public interface Waiter {
    RouteRequest request();

    /** Whether this waiter may go to {@code endpoint} (e.g. it was not already tried). Called on any thread. */
    default boolean eligible(EndpointState endpoint) { return true; }

    /** Whether the decision should carry a receipt. */
    default boolean explain() { return true; }

    /** Still waiting: not admitted, timed out or cancelled. */
    boolean isWaiting();

    /**
     * Moves the waiter from waiting to admitted by {@code decision}, which already holds a slot on its endpoint;
     * the waiter now owes the decision its reports and the endpoint its release. Returns false if it stopped
     * waiting meanwhile; the queue then reports the decision unused and gives the slot back.
     */
    boolean tryAdmit(RouteDecision decision);

    /** Its deadline passed in the queue ({@link #expire} or a drain noticed it); called at most once. */
    default void expired() {}
  }
}
