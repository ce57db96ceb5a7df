package io.switchboard.sim.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class RateLimitWindowsTest {
  private long now = 1_000;
  private final RateLimitWindows windows = new RateLimitWindows(() -> now, 60_000_000_000L);

  @Test
  void tryAcquire_overRpm_refusesUntilWindowResets() {
    assertThat(windows.tryAcquire(10, 2, 0).admitted()).isTrue();
    now += 1_000_000_000L;
    assertThat(windows.tryAcquire(10, 2, 0).admitted()).isTrue();
    RateLimitWindows.Decision refused = windows.tryAcquire(10, 2, 0);

    assertThat(refused.limitedBy()).isEqualTo("requests");
    assertThat(refused.resetNanos()).isEqualTo(59_000_000_000L);
    now += 59_000_000_000L;
    assertThat(windows.tryAcquire(10, 2, 0).admitted()).isTrue();
  }

  @Test
  void tryAcquire_overTpm_refusesAndChargesNothing() {
    assertThat(windows.tryAcquire(60, 0, 100).admitted()).isTrue();
    assertThat(windows.tryAcquire(50, 0, 100).limitedBy()).isEqualTo("tokens");
    // The refused request was not charged: a smaller one still fits.
    assertThat(windows.tryAcquire(40, 0, 100).admitted()).isTrue();
  }

  @Test
  void addHeaders_showLimitRemainingAndReset() {
    windows.tryAcquire(30, 5, 1000);
    now += 500_000_000L;
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    windows.addHeaders(h, 5, 1000);

    assertThat(h.get("x-ratelimit-limit-requests")).isEqualTo("5");
    assertThat(h.get("x-ratelimit-remaining-requests")).isEqualTo("4");
    assertThat(h.get("x-ratelimit-reset-requests")).isEqualTo("59.5s");
    assertThat(h.get("x-ratelimit-limit-tokens")).isEqualTo("1000");
    assertThat(h.get("x-ratelimit-remaining-tokens")).isEqualTo("970");
    assertThat(h.get("x-ratelimit-reset-tokens")).isEqualTo("59.5s");
  }

  @Test
  void formatDuration_usesOpenAiUnits() {
    assertThat(RateLimitWindows.formatDuration(20_000_000L)).isEqualTo("20ms");
    assertThat(RateLimitWindows.formatDuration(1_000_000_000L)).isEqualTo("1s");
    assertThat(RateLimitWindows.formatDuration(360_000_000_000L)).isEqualTo("6m0s");
  }
}
