package io.switchboard.core.resilience;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A per-minute budget of units (requests, or tokens) with a burst allowance, enforced without locks.
 *
 * <p>Example: 60 per minute with a burst of 60 (the default: one minute's budget). At t=0 sixty requests
 * pass at once; the 61st in that first second is told to wait 1 s; afterwards one request passes per
 * second, and after a minute idle the full burst of 60 is available again. A 4,000-token request on a
 * 240,000 TPM budget with the bucket drained waits 1 s (the budget refills 4,000 tokens per second).
 *
 * <p>Algorithm: GCRA, the Generic Cell Rate Algorithm (ATM Forum TM 4.0; the "virtual scheduling" form, as
 * in Brandur Leach's "Rate Limiting, Cells, and GCRA"). Each unit costs an emission interval
 * {@code T = 60 s / perMinute}; the whole state is one number, the theoretical arrival time {@code tat},
 * the moment the budget would be fully replenished. A request of {@code n} units at {@code now} is allowed
 * when {@code max(tat, now) + n*T - now <= tau} with {@code tau = burst*T}, and moves {@code tat} to
 * {@code max(tat, now) + n*T}; otherwise it waits {@code max(tat, now) + n*T - tau - now}. The next
 * {@code tat} is computed arithmetically and swapped by one compare-and-set (as resilience4j's
 * {@code AtomicRateLimiter} does), so a refused request changes nothing and concurrent acquirers never
 * overspend.
 *
 * <p>Charged before, corrected after: the caller charges an estimate ({@link #tryAcquire}) and fixes it
 * with {@link #reconcile} once the real usage is known. A refund moves {@code tat} back (never before now:
 * an idle budget cannot exceed its burst); an extra charge moves it forward even past the burst, so later
 * requests wait until the debt is repaid. A single request larger than the whole burst is admitted only
 * when the budget is full, and then leaves it in debt, instead of waiting forever.
 *
 * <p>Rounding: {@code T} is rounded up to a whole nanosecond, which makes the limiter stricter than its
 * budget by less than {@code 1 ns / T} (exact for every budget that divides 60e9; 0.2 % at 123M TPM).
 */
public final class RateLimiter {
  /** What {@link #tryAcquire} returns when the units were granted. */
  public static final long GRANTED = 0L;
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final RateLimiter UNLIMITED = new RateLimiter();

  private final long perMinute;
  private final long burst;
  private final long intervalNanos;
  private final long tauNanos;
  private final LongSupplier ticker;
  private final AtomicLong tat;

  /**
   * @param perMinute units per minute, > 0
   * @param burst     units that may pass at once after an idle minute, > 0; usually {@code perMinute}
   */
  public RateLimiter(long perMinute, long burst, LongSupplier ticker) {
    if (perMinute < 1) throw new IllegalArgumentException("perMinute must be >= 1, was " + perMinute);
    if (burst < 1) throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    this.perMinute = perMinute;
    this.burst = burst;
    this.intervalNanos = Math.ceilDiv(MINUTE_NANOS, perMinute);
    try {
      this.tauNanos = Math.multiplyExact(burst, intervalNanos);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("burst " + burst + " is too large for " + perMinute + " per minute", e);
    }
    this.ticker = ticker;
    // Full at creation: nothing has been spent yet.
    this.tat = new AtomicLong(ticker.getAsLong());
  }

  private RateLimiter() {
    this.perMinute = Long.MAX_VALUE;
    this.burst = Long.MAX_VALUE;
    this.intervalNanos = 0;
    this.tauNanos = 0;
    this.ticker = () -> 0L;
    this.tat = new AtomicLong();
  }

  /** A limiter with a burst of one minute's budget. */
  public static RateLimiter perMinute(long perMinute, LongSupplier ticker) {
    return new RateLimiter(perMinute, perMinute, ticker);
  }

  /** A limiter that grants everything and keeps no state. */
  public static RateLimiter unlimited() { return UNLIMITED; }

  public boolean isUnlimited() { return this == UNLIMITED; }

  public long perMinute() { return perMinute; }

  public long burst() { return burst; }

  /**
   * Takes {@code units} from the budget: {@link #GRANTED} (0), or the nanoseconds until they would be
   * granted, in which case nothing was taken.
   */
  public long tryAcquire(long units) {
    if (units < 0) throw new IllegalArgumentException("units must be >= 0, was " + units);
    if (isUnlimited()) return GRANTED;
    long now = ticker.getAsLong();
    long cost = cost(units);
    for (;;) {
      long cur = tat.get();
      long wait = waitNanos(cur, now, cost);
      if (wait > 0) return wait;
      if (tat.compareAndSet(cur, later(cur, now) + cost)) return GRANTED;
    }
  }

  /** The nanoseconds {@code units} would wait now; 0 when {@link #tryAcquire} would grant them. Takes nothing. */
  public long waitNanos(long units) {
    if (isUnlimited()) return 0;
    return Math.max(0, waitNanos(tat.get(), ticker.getAsLong(), cost(units)));
  }

  /** Units that could be taken at once now (negative while in debt). */
  public long available() {
    if (isUnlimited()) return Long.MAX_VALUE;
    long now = ticker.getAsLong();
    long used = Math.max(0, tat.get() - now);
    return Math.floorDiv(tauNanos - used, intervalNanos);
  }

  /**
   * Corrects a charge of {@code estimated} units to {@code actual}: refunds the difference when the request
   * used less, charges it (without asking) when it used more.
   */
  public void reconcile(long estimated, long actual) {
    if (isUnlimited() || estimated == actual) return;
    long now = ticker.getAsLong();
    if (actual > estimated) {
      long extra = cost(actual - estimated);
      for (;;) {
        long cur = tat.get();
        if (tat.compareAndSet(cur, later(cur, now) + extra)) return;
      }
    }
    long refund = cost(estimated - actual);
    for (;;) {
      long cur = tat.get();
      // A budget that has refilled meanwhile stays full; it never holds more than its burst.
      if (cur - now <= 0) return;
      if (tat.compareAndSet(cur, later(cur - refund, now))) return;
    }
  }

  /** Gives back {@code units} granted earlier and not used (the request was never sent). */
  public void refund(long units) { reconcile(units, 0); }

  private long waitNanos(long tat, long now, long cost) {
    long start = later(tat, now);
    // Charge at most tau against the burst so a request bigger than the burst passes when the budget is full.
    return start - now + Math.min(cost, tauNanos) - tauNanos;
  }

  /** The later of two ticker readings, correct even if the ticker wraps around (as nanoTime may). */
  private static long later(long a, long b) { return a - b > 0 ? a : b; }

  private long cost(long units) {
    long hi = Math.multiplyHigh(units, intervalNanos);
    long lo = units * intervalNanos;
    // Saturate instead of wrapping: an absurd request then waits, it never passes for free.
    return hi != 0 || lo < 0 ? Long.MAX_VALUE / 4 : lo;
  }

  @Override
  public String toString() {
    return isUnlimited() ? "RateLimiter{unlimited}" : "RateLimiter{" + perMinute + "/min, burst " + burst + '}';
  }
}
