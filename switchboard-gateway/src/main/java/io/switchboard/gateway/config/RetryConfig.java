package io.switchboard.gateway.config;

import io.switchboard.core.resilience.RetryBudget;
import io.switchboard.core.resilience.RetryPolicy;
import java.time.Duration;

/**
 * How a group retries a failed attempt on another endpoint:
 * {@code retry: {attempts, backoff_base, backoff_cap, deadline, budget_ratio}}.
 *
 * @param attempts    attempts per request, the first included, across fallback groups (1: never retry)
 * @param backoffBase ceiling of the first retry's jittered wait; doubles per retry
 * @param backoffCap  largest ceiling of a retry's wait
 * @param deadline    no attempt starts, and no wait ends, later than this after the request arrived
 * @param budgetRatio retries allowed per request over a 10 s window (plus 10 per second), so an outage
 *                    cannot become a retry storm
 */
public record RetryConfig(int attempts, Duration backoffBase, Duration backoffCap, Duration deadline,
                          double budgetRatio) {
  public static final RetryConfig DEFAULT = new RetryConfig(RetryPolicy.DEFAULTS.maxAttempts(),
      RetryPolicy.DEFAULTS.backoffBase(), RetryPolicy.DEFAULTS.backoffCap(), RetryPolicy.DEFAULTS.totalDeadline(),
      RetryBudget.Config.DEFAULTS.ratio());

  /** The core policy; call only on a validated config. */
  public RetryPolicy toPolicy() {
    return new RetryPolicy(attempts, deadline, backoffBase, backoffCap, RetryPolicy.DEFAULTS.retryableStatuses(),
        RetryPolicy.DEFAULTS.contentPolicy());
  }

  /** The core budget settings; call only on a validated config. */
  public RetryBudget.Config toBudget() {
    RetryBudget.Config d = RetryBudget.Config.DEFAULTS;
    return new RetryBudget.Config(budgetRatio, d.minRetriesPerSecond(), d.window());
  }
}
