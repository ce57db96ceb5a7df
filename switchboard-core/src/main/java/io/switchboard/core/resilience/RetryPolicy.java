package io.switchboard.core.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which failed attempts are retried, where, and how long to back off; plus the per-request caps on
 * attempts and total time. Pure: the caller supplies time and randomness.
 *
 * <p>Backoff is "full jitter" (Marc Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog,
 * 2015): before retry {@code k} (1-based) wait a uniform random time in
 * {@code [0, min(cap, base * 2^(k-1))]}. With base 50 ms and cap 2 s: retry 1 waits 0-50 ms, retry 2
 * 0-100 ms, retry 7 and later 0-2 s. Jitter spreads the clients of a failed endpoint instead of sending
 * them back in synchronized waves. A 429 goes elsewhere without backoff: its wait is the cooldown.
 *
 * @param maxAttempts       attempts per request, the first included (3: at most two retries)
 * @param totalDeadline     no attempt starts (and no backoff or cooldown wait ends) later than this
 *                          after the request arrived
 * @param backoffBase       the ceiling of the first retry's wait
 * @param backoffCap        the largest ceiling
 * @param retryableStatuses response statuses retried on another endpoint
 * @param contentPolicy     what a content-policy refusal leads to: {@link RetryDecision#RETURN} (default),
 *                          {@link RetryDecision#RETRY_ELSEWHERE} or {@link RetryDecision#FALLBACK_GROUP}
 */
public record RetryPolicy(int maxAttempts, Duration totalDeadline, Duration backoffBase, Duration backoffCap,
    Set<Integer> retryableStatuses, RetryDecision contentPolicy) {

  public static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMinutes(5), Duration.ofMillis(50),
      Duration.ofSeconds(2), Set.of(500, 502, 503, 504), RetryDecision.RETURN);

  public RetryPolicy {
    Objects.requireNonNull(totalDeadline, "totalDeadline");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffCap, "backoffCap");
    Objects.requireNonNull(contentPolicy, "contentPolicy");
    retryableStatuses = Set.copyOf(retryableStatuses);
    if (maxAttempts < 1) throw new IllegalArgumentException("max_attempts must be >= 1, was " + maxAttempts);
    if (!totalDeadline.isPositive()) throw new IllegalArgumentException("deadline must be positive, was " + totalDeadline);
    if (backoffBase.isNegative()) throw new IllegalArgumentException("backoff base must be >= 0, was " + backoffBase);
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoff cap " + backoffCap + " is below its base " + backoffBase);
    }
    if (contentPolicy == RetryDecision.COOLDOWN_AND_RETRY) {
      throw new IllegalArgumentException("content_policy must be return, retry_elsewhere or fallback_group");
    }
    if (retryableStatuses.contains(429)) {
      throw new IllegalArgumentException("retryable statuses must not contain 429: it always cools down and retries");
    }
  }

  public RetryPolicy withMaxAttempts(int n) {
    return new RetryPolicy(n, totalDeadline, backoffBase, backoffCap, retryableStatuses, contentPolicy);
  }

  public RetryPolicy withContentPolicy(RetryDecision d) {
    return new RetryPolicy(maxAttempts, totalDeadline, backoffBase, backoffCap, retryableStatuses, d);
  }

  /**
   * What to do after {@code outcome}. Rules are checked in order; the first that matches decides.
   *
   * @param hasContextFallback whether the group has a larger-context fallback group configured
   */
  public RetryDecision classify(AttemptOutcome outcome, boolean hasContextFallback) {
    // A success is the answer.
    if (outcome.isSuccess()) return RetryDecision.RETURN;
    // No response at all (connect failure, reset before headers, timeout): another endpoint may answer, and
    // nothing reached the client yet.
    if (outcome.isTransportFailure()) return RetryDecision.RETRY_ELSEWHERE;
    // Rate limited: the endpoint is healthy but must rest for its Retry-After; others can serve now.
    if (outcome.status() == 429) return RetryDecision.COOLDOWN_AND_RETRY;
    // A prompt too long for this model (usually a 400) may fit a larger-context group, if there is one.
    if (AttemptOutcome.CONTEXT_LENGTH_EXCEEDED.equals(outcome.errorCode())) {
      return hasContextFallback ? RetryDecision.FALLBACK_GROUP : RetryDecision.RETURN;
    }
    // A refusal is an answer unless the group says otherwise; the client sees it unchanged by default.
    if (outcome.isContentPolicyRefusal()) return contentPolicy;
    // The endpoint failed (500, 502, 503, 504 by default): the same request may well succeed elsewhere.
    if (retryableStatuses.contains(outcome.status())) return RetryDecision.RETRY_ELSEWHERE;
    // The client's own mistake (400, 401, 403, 404, 422) or anything unknown: retrying cannot help.
    return RetryDecision.RETURN;
  }

  /** Full-jitter wait before retry number {@code retry} (1 for the first retry), in nanos. */
  public long backoffNanos(int retry, RandomGenerator random) {
    if (retry < 1) throw new IllegalArgumentException("retry must be >= 1, was " + retry);
    long ceiling = backoffCeilingNanos(retry);
    return ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
  }

  /** The largest wait {@link #backoffNanos} can return for {@code retry}: {@code min(cap, base * 2^(retry-1))}. */
  public long backoffCeilingNanos(int retry) {
    long base = backoffBase.toNanos();
    long cap = backoffCap.toNanos();
    int shift = retry - 1;
    // Shift only while it cannot overflow past the cap.
    if (base == 0) return 0;
    if (shift >= 62 || base > (cap >> shift)) return cap;
    return Math.min(cap, base << shift);
  }

  /** The ticker time after which a request that arrived at {@code startedAtNanos} starts no new attempt. */
  public long deadlineNanos(long startedAtNanos) { return startedAtNanos + totalDeadline.toNanos(); }

  /**
   * Whether a request that arrived at {@code startedAtNanos} and made {@code attemptsMade} attempts may
   * start another one after waiting {@code waitNanos} from {@code nowNanos}.
   */
  public boolean mayAttemptAgain(int attemptsMade, long startedAtNanos, long nowNanos, long waitNanos) {
    if (attemptsMade >= maxAttempts) return false;
    return deadlineNanos(startedAtNanos) - (nowNanos + waitNanos) > 0;
  }
}
