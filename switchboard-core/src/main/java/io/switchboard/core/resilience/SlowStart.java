package io.switchboard.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How a readmitted (or newly added) endpoint's share of traffic ramps up, after Envoy's slow start mode:
 * {@code factor = max(minWeight, t^(1/aggression))} with {@code t = elapsed / window}, and 1 once the window
 * has passed. The strategy multiplies the endpoint's weight by the factor.
 *
 * <p>Example, window 30 s, aggression 1 (linear), min weight 10 %: 3 s after readmission the endpoint
 * gets 10 % of its weight, after 15 s 50 %, after 30 s all of it. Aggression 2 ramps faster early on
 * ({@code sqrt}): 50 % weight after 7.5 s.
 *
 * @param window     the ramp's duration; zero disables slow start
 * @param aggression the ramp's curve; 1 is linear, larger ramps faster at first
 * @param minWeight  the floor of the factor, in (0, 1], so the endpoint gets some traffic at once
 */
public record SlowStart(Duration window, double aggression, double minWeight) {
  public static final SlowStart DISABLED = new SlowStart(Duration.ZERO, 1.0, 1.0);
  /** Envoy's defaults for aggression and minimum weight, with a 30 s window. */
  public static final SlowStart DEFAULTS = new SlowStart(Duration.ofSeconds(30), 1.0, 0.1);

  public SlowStart {
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) throw new IllegalArgumentException("slow start window must be >= 0, was " + window);
    if (!(aggression > 0) || Double.isInfinite(aggression)) {
      throw new IllegalArgumentException("slow start aggression must be > 0, was " + aggression);
    }
    if (!(minWeight > 0 && minWeight <= 1)) {
      throw new IllegalArgumentException("slow start min weight must be in (0, 1], was " + minWeight);
    }
  }

  /** The share of its weight an endpoint readmitted at {@code readmittedAtNanos} gets at {@code nowNanos}. */
  public double factor(long nowNanos, long readmittedAtNanos) {
    long windowNanos = window.toNanos();
    if (windowNanos == 0) return 1.0;
    long elapsed = nowNanos - readmittedAtNanos;
    if (elapsed >= windowNanos) return 1.0;
    double t = Math.max(elapsed, 1) / (double) windowNanos;
    double ramp = aggression == 1.0 ? t : Math.pow(t, 1.0 / aggression);
    return Math.max(minWeight, ramp);
  }
}
