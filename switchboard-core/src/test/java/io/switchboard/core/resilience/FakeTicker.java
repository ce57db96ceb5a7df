package io.switchboard.core.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A ticker the test moves by hand. Starts below zero, as {@code System.nanoTime()} may. */
final class FakeTicker implements LongSupplier {
  static final long START = -3_600_000_000_000L;
  private final AtomicLong now = new AtomicLong(START);

  @Override public long getAsLong() { return now.get(); }

  FakeTicker advance(Duration d) { now.addAndGet(d.toNanos()); return this; }

  FakeTicker advanceMillis(long ms) { return advance(Duration.ofMillis(ms)); }

  FakeTicker advanceSeconds(long s) { return advance(Duration.ofSeconds(s)); }

  /** Nanos since {@link #START}. */
  long elapsed() { return now.get() - START; }
}
