package io.switchboard.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void sixtyPerMinute_burstOfSixty_the61stInTheFirstSecondWaitsOneSecond() {
    var rl = RateLimiter.perMinute(60, ticker);
    for (int i = 0; i < 60; i++) assertThat(rl.tryAcquire(1)).as("request %d", i + 1).isZero();
    ticker.advanceMillis(250);
    assertThat(rl.tryAcquire(1)).as("the 61st waits for the first unit to come back")
        .isEqualTo(SECOND - 250_000_000L);
    ticker.advanceMillis(750);
    assertThat(rl.tryAcquire(1)).isZero();
    assertThat(rl.tryAcquire(1)).as("then one per second").isEqualTo(SECOND);
  }

  @Test
  void refusal_takesNothing() {
    var rl = RateLimiter.perMinute(60, ticker);
    for (int i = 0; i < 60; i++) rl.tryAcquire(1);
    for (int i = 0; i < 100; i++) assertThat(rl.tryAcquire(1)).isEqualTo(SECOND);
    ticker.advanceSeconds(1);
    assertThat(rl.tryAcquire(1)).isZero();
  }

  @Test
  void steadyRate_exactlyPerMinuteOverAnHour_afterTheInitialBurst() {
    var rl = RateLimiter.perMinute(60, ticker);
    long granted = 0;
    for (int ms = 0; ms < 3_600_000; ms += 100) {
      while (rl.tryAcquire(1) == 0) granted++;
      ticker.advanceMillis(100);
    }
    // 60 burst at t=0, then one per second for 3,599.9 s.
    assertThat(granted).isEqualTo(60 + 3599);
  }

  @Test
  void burst_isConfigurable_andRefillsAfterIdle() {
    var rl = new RateLimiter(60, 5, ticker);
    for (int i = 0; i < 5; i++) assertThat(rl.tryAcquire(1)).isZero();
    assertThat(rl.tryAcquire(1)).isEqualTo(SECOND);
    ticker.advanceSeconds(3600);
    assertThat(rl.available()).as("an idle limiter never holds more than its burst").isEqualTo(5);
  }

  @Test
  void tokens_waitInProportionToTheirCost() {
    var rl = RateLimiter.perMinute(240_000, ticker); // 4,000 tokens per second
    assertThat(rl.tryAcquire(240_000)).isZero();
    assertThat(rl.tryAcquire(4_000)).isEqualTo(SECOND);
    assertThat(rl.waitNanos(2_000)).isEqualTo(SECOND / 2);
    ticker.advanceMillis(500);
    assertThat(rl.tryAcquire(2_000)).isZero();
  }

  @Test
  void requestLargerThanBurst_passesOnlyWhenFull_andLeavesDebt() {
    var rl = RateLimiter.perMinute(60_000, ticker); // 1,000 per second
    assertThat(rl.tryAcquire(1)).isZero();
    assertThat(rl.tryAcquire(90_000)).as("not full: waits for the bucket to refill").isEqualTo(SECOND / 1000);
    ticker.advanceMillis(1);
    assertThat(rl.tryAcquire(90_000)).isZero();
    assertThat(rl.available()).isEqualTo(-30_000);
    assertThat(rl.tryAcquire(1)).as("the debt of 30 s plus one unit").isEqualTo(30 * SECOND + SECOND / 1000);
  }

  @Test
  void reconcile_refundsUnusedTokens() {
    var rl = RateLimiter.perMinute(60_000, ticker);
    assertThat(rl.tryAcquire(60_000)).isZero();
    rl.reconcile(60_000, 20_000);
    assertThat(rl.available()).isEqualTo(40_000);
    assertThat(rl.tryAcquire(40_000)).isZero();
    assertThat(rl.tryAcquire(1)).isPositive();
  }

  @Test
  void reconcile_chargesExtraUsage_evenBeyondTheBurst() {
    var rl = RateLimiter.perMinute(60_000, ticker);
    assertThat(rl.tryAcquire(50_000)).isZero();
    rl.reconcile(50_000, 70_000);
    assertThat(rl.available()).isEqualTo(-10_000);
    assertThat(rl.waitNanos(1_000)).isEqualTo(11 * SECOND);
  }

  @Test
  void reconcile_refundOnAFullBudget_doesNotRaiseItAboveTheBurst() {
    var rl = RateLimiter.perMinute(60, ticker);
    rl.tryAcquire(10);
    ticker.advanceSeconds(60);
    rl.reconcile(10, 0);
    assertThat(rl.available()).isEqualTo(60);
  }

  @Test
  void refundOfPartOfTheBudget_isExact_whenOthersSpentMeanwhile() {
    var rl = RateLimiter.perMinute(60, ticker);
    rl.tryAcquire(10);
    rl.tryAcquire(20);
    rl.refund(10); // GCRA charges add up, so giving back the first grant is exact
    assertThat(rl.available()).isEqualTo(40);
  }

  @Test
  void budgetNotDividingAMinute_roundsTowardsStrict() {
    var rl = RateLimiter.perMinute(7, ticker);
    for (int i = 0; i < 7; i++) assertThat(rl.tryAcquire(1)).isZero();
    assertThat(rl.tryAcquire(1)).isEqualTo(8_571_428_572L); // ceil(60 s / 7)
  }

  @Test
  void unlimited_alwaysGrants() {
    var rl = RateLimiter.unlimited();
    assertThat(rl.tryAcquire(Long.MAX_VALUE)).isZero();
    assertThat(rl.waitNanos(1)).isZero();
  }

  @Test
  void concurrentAcquirers_withAFixedClock_neverExceedTheBurst() throws Exception {
    var fixed = new FakeTicker();
    var rl = new RateLimiter(60_000, 10_000, fixed);
    AtomicLong granted = new AtomicLong();
    int threads = 4;
    var start = new CountDownLatch(1);
    var done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int units = t + 1; // unequal sizes so the last grants race over the remainder
      Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int i = 0; i < 20_000; i++) if (rl.tryAcquire(units) == 0) granted.addAndGet(units);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    start.countDown();
    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(granted.get()).isLessThanOrEqualTo(10_000).isGreaterThan(10_000 - 4);
    assertThat(rl.available()).isEqualTo(10_000 - granted.get());
  }

  @Test
  void durationsAreRelativeToTheTicker_notAnEpoch() {
    var rl = RateLimiter.perMinute(1, ticker);
    assertThat(rl.tryAcquire(1)).isZero();
    assertThat(Duration.ofNanos(rl.tryAcquire(1))).isEqualTo(Duration.ofMinutes(1));
  }
}
