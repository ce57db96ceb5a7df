package io.switchboard.core.resilience;

import static io.switchboard.core.resilience.RateLimitHeadersTest.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedLimitsTest {
  private static final long S = 1_000_000_000L;
  private final FakeTicker ticker = new FakeTicker();

  private static final Map<String, String> OPENAI_LOW_REQUESTS = Map.of(
      "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "3",
      "x-ratelimit-reset-requests", "6m0s",
      "x-ratelimit-limit-tokens", "30000", "x-ratelimit-remaining-tokens", "29000",
      "x-ratelimit-reset-tokens", "2s");

  @Test
  void update_readsAllSixHeaders() {
    var l = LearnedLimits.UNKNOWN.update(headers(OPENAI_LOW_REQUESTS), 100);
    assertThat(l).isEqualTo(new LearnedLimits(500, 3, 100 + 360 * S, 30_000, 29_000, 100 + 2 * S));
  }

  @Test
  void update_withoutRateLimitHeaders_returnsTheSameSnapshot() {
    var l = LearnedLimits.UNKNOWN.update(headers(OPENAI_LOW_REQUESTS), 0);
    assertThat(l.update(headers(Map.of("content-type", "application/json")), 5)).isSameAs(l);
  }

  @Test
  void update_keepsDimensionsTheResponseDoesNotMention_andDefaultsAMissingReset() {
    var l = LearnedLimits.UNKNOWN.update(headers(OPENAI_LOW_REQUESTS), 0)
        .update(headers(Map.of("x-ratelimit-remaining-tokens", "100")), 10);
    assertThat(l.remainingRequests()).isEqualTo(3);
    assertThat(l.limitTokens()).isEqualTo(30_000);
    assertThat(l.remainingTokens()).isEqualTo(100);
    assertThat(l.resetTokensAtNanos()).isEqualTo(10 + LearnedLimits.DEFAULT_RESET_NANOS);
  }

  @Test
  void update_readsAnthropicHeaders_withResetTimestampsOnTheWallClock() {
    long wallMs = 1_445_412_480_000L; // 2015-10-21T07:28:00Z
    var h = headers(Map.of(
        "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "0",
        "anthropic-ratelimit-requests-reset", "2015-10-21T07:28:06Z",
        "anthropic-ratelimit-tokens-limit", "40000", "anthropic-ratelimit-tokens-remaining", "39000",
        "anthropic-ratelimit-tokens-reset", "2015-10-21T07:28:01.500Z"));
    var l = LearnedLimits.UNKNOWN.update(h, 100, () -> wallMs);
    assertThat(l).isEqualTo(new LearnedLimits(50, 0, 100 + 6 * S, 40_000, 39_000, 100 + 1_500_000_000L));
    // No request left until the reset 6 s later on the ticker: steer away until then, not after.
    assertThat(l.steerAway(100 + 5 * S, 10, 0.01)).isTrue();
    assertThat(l.steerAway(100 + 6 * S, 10, 0.01)).isFalse();
    // Without a wall clock the reset cannot be placed: the default applies.
    assertThat(LearnedLimits.UNKNOWN.update(h, 0).resetRequestsAtNanos()).isEqualTo(LearnedLimits.DEFAULT_RESET_NANOS);
  }

  @Test
  void steerAway_whenRemainingRequestsBelowReserve_untilTheirReset() {
    var l = LearnedLimits.UNKNOWN.update(headers(OPENAI_LOW_REQUESTS), 0);
    // 1 % of 500 = 5 in reserve, plus the request itself: 3 remaining is short.
    assertThat(l.steerAway(0, 100, 0.01)).isTrue();
    assertThat(l.steerAwayUntilNanos(0, 100, 0.01)).isEqualTo(360 * S);
    assertThat(l.steerAway(360 * S, 100, 0.01)).as("the budget has reset").isFalse();
    assertThat(l.steerAway(0, 100, 0.0)).as("with no reserve, 3 remaining is enough").isFalse();
  }

  @Test
  void steerAway_whenTheRequestNeedsMoreTokensThanRemain() {
    var l = LearnedLimits.UNKNOWN.update(headers(Map.of(
        "x-ratelimit-limit-tokens", "30000", "x-ratelimit-remaining-tokens", "4000",
        "x-ratelimit-reset-tokens", "8s")), 0);
    assertThat(l.steerAway(0, 3_000, 0.01)).isFalse(); // 3,000 + 300 reserve <= 4,000
    assertThat(l.steerAway(0, 3_800, 0.01)).isTrue();
    assertThat(l.steerAwayUntilNanos(0, 3_800, 0.01)).isEqualTo(8 * S);
    assertThat(l.steerAwayUntilNanos(0, 100, 0.01)).as("not steering: now").isZero();
  }

  @Test
  void unknown_neverSteers() {
    assertThat(LearnedLimits.UNKNOWN.steerAway(0, Long.MAX_VALUE / 4, 0.5)).isFalse();
  }

  @Test
  void tracker_learnsFromEveryResponse_andSteersByItsTicker() {
    var t = new LearnedLimitsTracker(ticker);
    t.observe(headers(OPENAI_LOW_REQUESTS));
    assertThat(t.shouldSteerAway(10)).isTrue();
    ticker.advanceSeconds(360);
    assertThat(t.shouldSteerAway(10)).isFalse();
    t.observe(headers(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20ms")));
    assertThat(t.shouldSteerAway(10)).isTrue();
    ticker.advanceMillis(20);
    assertThat(t.shouldSteerAway(10)).isFalse();
  }
}
