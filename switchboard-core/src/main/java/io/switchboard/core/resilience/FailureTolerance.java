package io.switchboard.core.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * When an endpoint's circuit breaker opens and how it comes back; config spells it
 * {@code failure_tolerance: {allowed_failures_per_minute, cooldown, failure_status_codes, half_open_probes}}.
 *
 * <p>The breaker opens on the failure that takes the count within the last minute above
 * {@code allowedFailuresPerMinute}: with the default 5, five failures are tolerated and the sixth opens
 * it. Transport failures (connect failure, reset before headers, timeout) always count; responses count
 * when their status is in {@code failureStatusCodes}. A 429 is not a failure but a cooldown
 * ({@link EndpointCooldown}): the endpoint is healthy, only out of budget.
 *
 * @param allowedFailuresPerMinute failures tolerated within any minute; 0 opens on the first failure
 * @param cooldown                 how long the breaker stays open before it admits probes
 * @param failureStatusCodes       response statuses that count as failures
 * @param halfOpenProbes           probes admitted at once while half-open; this many must succeed to close
 */
public record FailureTolerance(
    int allowedFailuresPerMinute, Duration cooldown, Set<Integer> failureStatusCodes, int halfOpenProbes) {

  public static final FailureTolerance DEFAULTS =
      new FailureTolerance(5, Duration.ofSeconds(30), Set.of(500, 502, 503, 504), 1);

  public FailureTolerance {
    Objects.requireNonNull(cooldown, "cooldown");
    failureStatusCodes = Set.copyOf(Objects.requireNonNull(failureStatusCodes, "failureStatusCodes"));
    if (allowedFailuresPerMinute < 0) {
      throw new IllegalArgumentException("allowed_failures_per_minute must be >= 0, was " + allowedFailuresPerMinute);
    }
    if (cooldown.isNegative() || cooldown.isZero()) {
      throw new IllegalArgumentException("cooldown must be positive, was " + cooldown);
    }
    if (halfOpenProbes < 1) throw new IllegalArgumentException("half_open_probes must be >= 1, was " + halfOpenProbes);
    for (int s : failureStatusCodes) {
      if (s == 429) {
        throw new IllegalArgumentException("failure_status_codes must not contain 429: a 429 cools the endpoint down "
            + "for its Retry-After instead of counting against its health");
      }
      if (s < 100 || s > 599) throw new IllegalArgumentException("failure_status_codes: " + s + " is not an HTTP status");
    }
  }

  public FailureTolerance withAllowedFailuresPerMinute(int n) {
    return new FailureTolerance(n, cooldown, failureStatusCodes, halfOpenProbes);
  }

  public FailureTolerance withCooldown(Duration d) {
    return new FailureTolerance(allowedFailuresPerMinute, d, failureStatusCodes, halfOpenProbes);
  }

  public FailureTolerance withHalfOpenProbes(int n) {
    return new FailureTolerance(allowedFailuresPerMinute, cooldown, failureStatusCodes, n);
  }

  /** Whether {@code outcome} counts against the endpoint's health. */
  public boolean isFailure(AttemptOutcome outcome) {
    return outcome.isTransportFailure() || failureStatusCodes.contains(outcome.status());
  }
}
