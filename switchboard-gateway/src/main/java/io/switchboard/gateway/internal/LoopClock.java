package io.switchboard.gateway.internal;

import io.vertx.core.impl.VertxThread;

/**
 * A cheap clock for deadlines, breakers, cooldowns, budgets and pools: on an event loop, the time at which the
 * current task began (Vert.x reads {@code System.nanoTime()} then anyway, for its blocked-thread checker); on any
 * other thread, or between tasks, {@code System.nanoTime()}.
 *
 * <p>Why: a proxied request consulted the clock about 35 times, and on these VMs a read costs ~50 ns (2-3% of
 * the gateway's CPU per request). A task lasts microseconds, so a deadline or a cooldown computed from its start
 * is early or late by that much, which none of them can notice. Durations that are reported (TTFT, upstream
 * latency, the gateway's own time) keep reading the precise clock: within one task they would measure zero.
 */
public final class LoopClock {
  /**
   * For the meter registry, which reads its clock only to rotate the windows of maxima and histograms (minutes
   * long): wall time derived from {@link #nanoTime()} and one reading of the wall clock at start.
   */
  public static final io.micrometer.core.instrument.Clock METERS = new io.micrometer.core.instrument.Clock() {
    private final long wallAtStart = System.currentTimeMillis();
    private final long nanosAtStart = System.nanoTime();

    @Override
    public long wallTime() { return wallAtStart + (nanoTime() - nanosAtStart) / 1_000_000; }

    @Override
    public long monotonicTime() { return nanoTime(); }
  };

  private LoopClock() {}

  public static long nanoTime() {
    if (Thread.currentThread() instanceof VertxThread t) {
      long start = t.startTime();
      if (start != 0) return start;
    }
    return System.nanoTime();
  }
}
