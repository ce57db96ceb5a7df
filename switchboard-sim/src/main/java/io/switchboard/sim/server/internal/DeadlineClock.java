package io.switchboard.sim.server.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls {@code onDue} once {@link System#nanoTime()} reaches an armed deadline, from a dedicated daemon thread
 * that parks until that absolute deadline (re-parking if it woke early). It reads the system clock rather than an
 * injected one because a parked thread waits in real time.
 *
 * <p>Why not a Vert.x timer: on the NIO transport an event loop waits in {@code Selector.select(millis)}, so a
 * timer's delay is rounded to whole milliseconds; {@code parkNanos} waits on a high-resolution timer. Waking at
 * absolute deadlines, never "a delay after the last wake-up", means lateness does not accumulate from one step to
 * the next (the engine's step times are computed in engine time anyway, whenever it is woken).
 *
 * <p>{@link #arm} may be called from any thread; a later arm replaces an earlier one. {@code onDue} runs on the
 * clock thread and must only hand work over (e.g. {@code context.runOnContext}).
 */
final class DeadlineClock implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Runnable onDue;
  private final Thread thread;
  private final AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
  private volatile boolean closed;

  DeadlineClock(Runnable onDue) {
    this.onDue = onDue;
    this.thread = Thread.ofPlatform().daemon().name("switchboard-sim-clock-" + THREADS.incrementAndGet())
        .unstarted(this::loop);
    thread.start();
  }

  /** Calls {@code onDue} at {@code deadlineNanos} ({@link System#nanoTime()}); {@link Long#MAX_VALUE} disarms. */
  void arm(long deadlineNanos) {
    deadline.set(deadlineNanos);
    LockSupport.unpark(thread);
  }

  private void loop() {
    while (!closed) {
      long d = deadline.get();
      if (d == Long.MAX_VALUE) {
        LockSupport.park(this);
        continue;
      }
      long left = d - System.nanoTime();
      if (left > 0) {
        LockSupport.parkNanos(this, left);
        continue;
      }
      // Fire only if nobody re-armed meanwhile; a new deadline is picked up on the next turn.
      if (deadline.compareAndSet(d, Long.MAX_VALUE)) onDue.run();
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
