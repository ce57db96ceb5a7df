package io.switchboard.gateway.config;

import io.switchboard.core.resilience.RetryBudget;
import io.switchboard.core.resilience.RetryDecision;
import io.switchboard.core.resilience.RetryPolicy;
import java.time.Duration;
import java.util.List;

/**
 * How a group retries a failed attempt on another endpoint:
 * {@code retry: {attempts, backoff_base, backoff_cap, deadline, budget_ratio, content_policy}}.
 *
 * @param attempts    attempts per request, the first included, across fallback groups (1: never retry)
 * @param backoffBase ceiling of the first retry's jittered wait; doubles per retry
 * @param backoffCap  largest ceiling of a retry's wait
 * @param deadline    no attempt starts, and no wait ends, later than this after the request arrived
 * @param budgetRatio retries allowed per request over a 10 s window (plus 10 per second), so an outage
 *                    cannot become a retry storm
 * @param contentPolicy what a content-policy refusal ({@code content_policy_violation}, {@code content_filter})
 *                      leads to: {@code return} it to the client (default), {@code retry_elsewhere} on another
 *                      endpoint of the group, or {@code fallback} to the group's first fallback group
 */
public record RetryConfig(int attempts, Duration backoffBase, Duration backoffCap, Duration deadline,
                          double budgetRatio, String contentPolicy) {
  public static final String RETURN = "return";
  public static final String RETRY_ELSEWHERE = "retry_elsewhere";
  public static final String FALLBACK = "fallback";
  /** The values {@code content_policy} accepts. */
  public static final List<String> CONTENT_POLICIES = List.of(RETURN, RETRY_ELSEWHERE, FALLBACK);

  public static final RetryConfig DEFAULT = new RetryConfig(RetryPolicy.DEFAULTS.maxAttempts(),
      RetryPolicy.DEFAULTS.backoffBase(), RetryPolicy.DEFAULTS.backoffCap(), RetryPolicy.DEFAULTS.totalDeadline(),
      RetryBudget.Config.DEFAULTS.ratio(), RETURN);

  /** Retries that return a content-policy refusal to the client. */
  public RetryConfig(int attempts, Duration backoffBase, Duration backoffCap, Duration deadline, double budgetRatio) {
    this(attempts, backoffBase, backoffCap, deadline, budgetRatio, RETURN);
  }

  public RetryConfig withContentPolicy(String policy) {
    return new RetryConfig(attempts, backoffBase, backoffCap, deadline, budgetRatio, policy);
  }

  /** The core policy; call only on a validated config. */
  public RetryPolicy toPolicy() {
    RetryDecision content = switch (contentPolicy == null ? RETURN : contentPolicy) {
      case RETRY_ELSEWHERE -> RetryDecision.RETRY_ELSEWHERE;
      case FALLBACK -> RetryDecision.FALLBACK_GROUP;
      default -> RetryDecision.RETURN;
    };
    return new RetryPolicy(attempts, deadline, backoffBase, backoffCap, RetryPolicy.DEFAULTS.retryableStatuses(), content);
  }

  /** The core budget settings; call only on a validated config. */
  public RetryBudget.Config toBudget() {
    RetryBudget.Config d = RetryBudget.Config.DEFAULTS;
    return new RetryBudget.Config(budgetRatio, d.minRetriesPerSecond(), d.window());
  }
}
