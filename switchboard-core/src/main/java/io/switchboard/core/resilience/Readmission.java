package io.switchboard.core.resilience;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When one endpoint was last readmitted, and so how much of its weight it gets now under {@link SlowStart}.
 * Registered as a {@link CircuitBreaker.Listener}, it marks the endpoint readmitted when its breaker
 * closes after half-open; config reload marks newly added endpoints with {@link #markReadmitted()}.
 */
public final class Readmission implements CircuitBreaker.Listener {
  private static final long NEVER = Long.MIN_VALUE;
  private final SlowStart slowStart;
  private final LongSupplier ticker;
  private final AtomicLong readmittedAt = new AtomicLong(NEVER);

  public Readmission(SlowStart slowStart, LongSupplier ticker) {
    this.slowStart = Objects.requireNonNull(slowStart, "slowStart");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  public void markReadmitted() { readmittedAt.set(ticker.getAsLong()); }

  @Override
  public void onStateChanged(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
    if (from == CircuitBreaker.State.HALF_OPEN && to == CircuitBreaker.State.CLOSED) markReadmitted();
  }

  /** The share of its weight the endpoint gets now: 1 when never readmitted or past the window. */
  public double weightFactor() {
    long at = readmittedAt.get();
    return at == NEVER ? 1.0 : slowStart.factor(ticker.getAsLong(), at);
  }

  /** {@code weight} scaled by {@link #weightFactor()}, for strategies with real-valued weights. */
  public double effectiveWeight(double weight) { return weight * weightFactor(); }
}
