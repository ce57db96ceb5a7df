package io.switchboard.gateway.config;

import io.switchboard.core.resilience.FailureTolerance;
import java.time.Duration;
import java.util.List;

/**
 * When an endpoint's circuit breaker opens and how long it stays open:
 * {@code failure_tolerance: {allowed_failures_per_minute, cooldown, failure_status_codes, half_open_probes}}.
 *
 * @param allowedFailuresPerMinute failures tolerated within any minute; the next one opens the breaker
 * @param cooldown                 how long the breaker stays open before it lets probes through
 * @param failureStatusCodes       response statuses that count as failures (transport failures always do)
 * @param halfOpenProbes           probes admitted at once while half-open
 */
public record FailureToleranceConfig(int allowedFailuresPerMinute, Duration cooldown, List<Integer> failureStatusCodes,
                                     int halfOpenProbes) {
  public static final FailureToleranceConfig DEFAULT = new FailureToleranceConfig(
      FailureTolerance.DEFAULTS.allowedFailuresPerMinute(), FailureTolerance.DEFAULTS.cooldown(),
      List.of(500, 502, 503, 504), FailureTolerance.DEFAULTS.halfOpenProbes());

  public FailureToleranceConfig {
    failureStatusCodes = List.copyOf(failureStatusCodes);
  }

  /** The core value; call only on a validated config (the core constructor throws on bad values). */
  public FailureTolerance toCore() {
    return new FailureTolerance(allowedFailuresPerMinute, cooldown, java.util.Set.copyOf(failureStatusCodes),
        halfOpenProbes);
  }
}
