package io.switchboard.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void idleGroup_getsTheMinimumReserve() {
    var b = new RetryBudget(RetryBudget.Config.DEFAULTS, ticker); // 10 per second over 10 s
    int granted = 0;
    while (b.tryAcquireRetry()) granted++;
    assertThat(granted).isEqualTo(100);
    assertThat(b.available()).isZero();
  }

  @Test
  void retries_capAtRatioOfRequestsPlusReserve() {
    var b = new RetryBudget(new RetryBudget.Config(0.2, 0, Duration.ofSeconds(10)), ticker);
    for (int i = 0; i < 1_000; i++) b.onRequest();
    int granted = 0;
    while (b.tryAcquireRetry()) granted++;
    assertThat(granted).isEqualTo(200);
  }

  @Test
  void retryStorm_overAMinute_retriesStayWithinTheBudgetInEveryWindow() {
    // 100 requests per second, every attempt fails and asks for a retry: without a budget that is 100
    // retries per second on top (more with several attempts); with it, retries in any 10 s window stay
    // within 20 % of that window's requests plus the 100 reserve.
    var b = new RetryBudget(RetryBudget.Config.DEFAULTS, ticker);
    long[] retriesPerSecond = new long[60];
    for (int s = 0; s < 60; s++) {
      for (int i = 0; i < 100; i++) {
        b.onRequest();
        if (b.tryAcquireRetry()) retriesPerSecond[s]++;
        if (b.tryAcquireRetry()) retriesPerSecond[s]++; // a second retry of the same request
        ticker.advanceMillis(10);
      }
    }
    for (int end = 10; end <= 60; end++) {
      long inWindow = 0;
      for (int s = end - 10; s < end; s++) inWindow += retriesPerSecond[s];
      assertThat(inWindow).as("retries in seconds [%d, %d)", end - 10, end).isLessThanOrEqualTo(100 + 200);
    }
    long total = 0;
    for (long r : retriesPerSecond) total += r;
    assertThat(total).as("far below the 12,000 retries asked for").isLessThan(60 * 30 + 100);
  }

  @Test
  void budget_recoversAsOldRetriesLeaveTheWindow() {
    var b = new RetryBudget(new RetryBudget.Config(0.0, 1, Duration.ofSeconds(10)), ticker);
    for (int i = 0; i < 10; i++) assertThat(b.tryAcquireRetry()).isTrue();
    assertThat(b.tryAcquireRetry()).isFalse();
    ticker.advanceSeconds(10);
    assertThat(b.tryAcquireRetry()).isTrue();
  }
}
