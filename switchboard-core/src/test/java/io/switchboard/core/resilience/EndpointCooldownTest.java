package io.switchboard.core.resilience;

import static io.switchboard.core.resilience.RateLimitHeadersTest.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointCooldownTest {
  private static final long MS = 1_000_000L;
  private final FakeTicker ticker = new FakeTicker();
  private final EndpointCooldown cooldown = new EndpointCooldown(CooldownPolicy.DEFAULTS, ticker, () -> 0L);

  @Test
  void fresh_isNotCoolingDown() {
    assertThat(cooldown.isCoolingDown()).isFalse();
    assertThat(cooldown.remainingNanos()).isZero();
  }

  @Test
  void rateLimited_withoutHints_restsForTheDefault() {
    cooldown.onRateLimited(headers(Map.of()));
    assertThat(cooldown.remainingNanos()).isEqualTo(1_000 * MS);
    ticker.advanceMillis(999);
    assertThat(cooldown.isCoolingDown()).isTrue();
    ticker.advanceMillis(1);
    assertThat(cooldown.isCoolingDown()).as("a retry exactly at Retry-After is allowed").isFalse();
  }

  @Test
  void rateLimited_restsForTheLongestHint() {
    long until = cooldown.onRateLimited(headers(Map.of("Retry-After", "2", "x-ratelimit-reset-tokens", "6.5s")));
    assertThat(until).isEqualTo(FakeTicker.START + 6_500 * MS);
    assertThat(cooldown.cooldownUntilNanos()).isEqualTo(until);
  }

  @Test
  void rateLimited_aShorterHintLater_doesNotShortenTheRest() {
    cooldown.onRateLimited(headers(Map.of("retry-after-ms", "5000")));
    ticker.advanceMillis(1_000);
    cooldown.onRateLimited(headers(Map.of("retry-after-ms", "100")));
    assertThat(cooldown.remainingNanos()).isEqualTo(4_000 * MS);
  }

  @Test
  void rateLimited_aHugeHint_isCappedAtTheMaximum() {
    cooldown.onRateLimited(headers(Map.of("Retry-After", "86400")));
    assertThat(cooldown.remainingNanos()).isEqualTo(Duration.ofMinutes(5).toNanos());
  }

  @Test
  void rateLimited_httpDateHint_usesTheInjectedWallClock() {
    var c = new EndpointCooldown(CooldownPolicy.DEFAULTS, ticker, () -> 1_445_412_480_000L);
    c.onRateLimited(headers(Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:03 GMT")));
    assertThat(c.remainingNanos()).isEqualTo(3_000 * MS);
  }

  @Test
  void policy_rejectsAMaximumBelowTheDefault() {
    assertThatThrownBy(() -> new CooldownPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .hasMessageContaining("shorter than the default");
  }
}
