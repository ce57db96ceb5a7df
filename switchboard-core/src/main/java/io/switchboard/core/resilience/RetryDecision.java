package io.switchboard.core.resilience;

/** What the gateway does after an attempt, as {@link RetryPolicy#classify} decides from its outcome. */
public enum RetryDecision {
  /** Try another endpoint of the group now (after backoff), then the group's fallback chain. */
  RETRY_ELSEWHERE,
  /**
   * Rest this endpoint for its rate-limit hints ({@link EndpointCooldown}) and try another at once; when
   * none can serve, wait out the earliest cooldown within the request's deadline.
   */
  COOLDOWN_AND_RETRY,
  /**
   * Send the request to a fallback group: the configured larger-context group after
   * {@code context_length_exceeded}, the group's fallback chain after a refusal when its content policy
   * rule says so.
   */
  FALLBACK_GROUP,
  /** Give this answer to the client unchanged: a success, or an error retrying cannot fix. */
  RETURN
}
