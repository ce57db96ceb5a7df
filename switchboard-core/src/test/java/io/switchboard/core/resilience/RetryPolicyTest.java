package io.switchboard.core.resilience;

import static io.switchboard.core.resilience.RetryDecision.COOLDOWN_AND_RETRY;
import static io.switchboard.core.resilience.RetryDecision.FALLBACK_GROUP;
import static io.switchboard.core.resilience.RetryDecision.RETRY_ELSEWHERE;
import static io.switchboard.core.resilience.RetryDecision.RETURN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
  private static final RetryPolicy P = RetryPolicy.DEFAULTS;
  private static final long MS = 1_000_000L;

  static Stream<Arguments> outcomes() {
    return Stream.of(
        // outcome, has context fallback, decision
        Arguments.of(AttemptOutcome.response(200), false, RETURN),
        Arguments.of(AttemptOutcome.connectFailure(), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.resetBeforeHeaders(), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.timeout(), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.response(500), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.response(502), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.response(503), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.response(504), false, RETRY_ELSEWHERE),
        Arguments.of(AttemptOutcome.response(429), false, COOLDOWN_AND_RETRY),
        Arguments.of(AttemptOutcome.response(429), true, COOLDOWN_AND_RETRY),
        Arguments.of(AttemptOutcome.response(400), false, RETURN),
        Arguments.of(AttemptOutcome.response(401), false, RETURN),
        Arguments.of(AttemptOutcome.response(403), false, RETURN),
        Arguments.of(AttemptOutcome.response(404), false, RETURN),
        Arguments.of(AttemptOutcome.response(422), false, RETURN),
        Arguments.of(AttemptOutcome.response(501), false, RETURN),
        Arguments.of(AttemptOutcome.response(400, "context_length_exceeded"), true, FALLBACK_GROUP),
        Arguments.of(AttemptOutcome.response(400, "context_length_exceeded"), false, RETURN),
        Arguments.of(AttemptOutcome.response(400, "content_policy_violation"), true, RETURN),
        Arguments.of(AttemptOutcome.response(400, "content_filter"), false, RETURN),
        Arguments.of(AttemptOutcome.response(400, "invalid_request_error"), true, RETURN));
  }

  @ParameterizedTest(name = "{0}, context fallback {1} -> {2}")
  @MethodSource("outcomes")
  void classify_followsTheIssuesTable(AttemptOutcome outcome, boolean contextFallback, RetryDecision expected) {
    assertThat(P.classify(outcome, contextFallback)).isEqualTo(expected);
  }

  @Test
  void classify_contentPolicyRule_isConfigurable() {
    var refusal = AttemptOutcome.response(400, "content_policy_violation");
    assertThat(P.withContentPolicy(RETRY_ELSEWHERE).classify(refusal, false)).isEqualTo(RETRY_ELSEWHERE);
    assertThat(P.withContentPolicy(FALLBACK_GROUP).classify(refusal, false)).isEqualTo(FALLBACK_GROUP);
    assertThatThrownBy(() -> P.withContentPolicy(COOLDOWN_AND_RETRY)).hasMessageContaining("content_policy");
  }

  @Test
  void backoffCeiling_doublesFromTheBase_upToTheCap() {
    assertThat(P.backoffCeilingNanos(1)).isEqualTo(50 * MS);
    assertThat(P.backoffCeilingNanos(2)).isEqualTo(100 * MS);
    assertThat(P.backoffCeilingNanos(6)).isEqualTo(1_600 * MS);
    assertThat(P.backoffCeilingNanos(7)).isEqualTo(2_000 * MS);
    assertThat(P.backoffCeilingNanos(1_000)).as("no overflow for absurd retry counts").isEqualTo(2_000 * MS);
  }

  @Test
  void backoff_isFullJitter_withinZeroAndTheCeiling_andSpreadAcrossIt() {
    var random = new SplittableRandom(42);
    for (int retry = 1; retry <= 10; retry++) {
      long ceiling = P.backoffCeilingNanos(retry);
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 0; i < 2_000; i++) {
        long d = P.backoffNanos(retry, random);
        assertThat(d).isBetween(0L, ceiling);
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      // Full jitter uses the whole range, not a band near the ceiling (as "equal jitter" would).
      assertThat(min).isLessThan(ceiling / 10);
      assertThat(max).isGreaterThan(ceiling * 9 / 10);
    }
  }

  @Test
  void backoff_zeroBase_neverWaits() {
    var p = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
        P.retryableStatuses(), RETURN);
    assertThat(p.backoffNanos(3, new SplittableRandom(1))).isZero();
  }

  @Test
  void mayAttemptAgain_capsAttempts() {
    assertThat(P.mayAttemptAgain(1, 0, 0, 0)).isTrue();
    assertThat(P.mayAttemptAgain(2, 0, 0, 0)).isTrue();
    assertThat(P.mayAttemptAgain(3, 0, 0, 0)).as("three attempts made: done").isFalse();
  }

  @Test
  void mayAttemptAgain_refusesAWaitThatEndsAtOrAfterTheDeadline() {
    long start = -5 * MS;
    long deadline = P.deadlineNanos(start);
    assertThat(deadline - start).isEqualTo(Duration.ofMinutes(5).toNanos());
    assertThat(P.mayAttemptAgain(1, start, deadline - 10 * MS, 9 * MS)).isTrue();
    assertThat(P.mayAttemptAgain(1, start, deadline - 10 * MS, 10 * MS)).isFalse();
    assertThat(P.mayAttemptAgain(1, start, deadline + 1, 0)).isFalse();
  }

  @Test
  void config_rejects429AsARetryableStatus() {
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
        java.util.Set.of(503, 429), RETURN)).hasMessageContaining("429");
  }
}
