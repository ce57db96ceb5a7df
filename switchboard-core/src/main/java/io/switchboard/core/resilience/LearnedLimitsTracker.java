package io.switchboard.core.resilience;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The live {@link LearnedLimits} of one endpoint, updated from every response's headers. Responses finish
 * out of order, so the snapshot is the last one observed, not necessarily the newest the provider sent;
 * the error is one response's worth of budget, and the next response corrects it.
 */
public final class LearnedLimitsTracker {
  /** Keep 1 % of the provider's limit in reserve by default, to absorb the requests already in flight. */
  public static final double DEFAULT_RESERVE_FRACTION = 0.01;

  private final LongSupplier ticker;
  private final LongSupplier epochMillis;
  private final double reserveFraction;
  private final AtomicReference<LearnedLimits> ref = new AtomicReference<>(LearnedLimits.UNKNOWN);

  /**
   * @param epochMillis wall-clock milliseconds, only to turn reset timestamps (Anthropic's) into delays; null
   *                    when unknown (such resets then count as absent)
   */
  public LearnedLimitsTracker(LongSupplier ticker, LongSupplier epochMillis, double reserveFraction) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.epochMillis = epochMillis;
    if (!(reserveFraction >= 0 && reserveFraction < 1)) {
      throw new IllegalArgumentException("reserveFraction must be in [0, 1), was " + reserveFraction);
    }
    this.reserveFraction = reserveFraction;
  }

  public LearnedLimitsTracker(LongSupplier ticker, double reserveFraction) { this(ticker, null, reserveFraction); }

  public LearnedLimitsTracker(LongSupplier ticker) { this(ticker, null, DEFAULT_RESERVE_FRACTION); }

  public LearnedLimitsTracker(LongSupplier ticker, LongSupplier epochMillis) {
    this(ticker, epochMillis, DEFAULT_RESERVE_FRACTION);
  }

  public LearnedLimits snapshot() { return ref.get(); }

  /** Learns from any response (success or 429). Cheap when the provider sends no rate-limit headers. */
  public void observe(Function<String, String> headers) {
    long now = ticker.getAsLong();
    for (;;) {
      LearnedLimits cur = ref.get();
      LearnedLimits next = cur.update(headers, now, epochMillis);
      if (next == cur || ref.compareAndSet(cur, next)) return;
    }
  }

  /** Whether to prefer other endpoints for a request of {@code requestTokens} now. */
  public boolean shouldSteerAway(long requestTokens) {
    return ref.get().steerAway(ticker.getAsLong(), requestTokens, reserveFraction);
  }
}
