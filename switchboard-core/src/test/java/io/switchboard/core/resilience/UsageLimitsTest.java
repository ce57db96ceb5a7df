package io.switchboard.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UsageLimitsTest {
  private static final long SECOND = 1_000_000_000L;
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void tryAcquire_chargesBothBudgets() {
    var ul = UsageLimits.of(60, 100_000, ticker);
    assertThat(ul.tryAcquire(3_000)).isZero();
    assertThat(ul.requests().available()).isEqualTo(59);
    assertThat(ul.tokens().available()).isEqualTo(97_000);
  }

  @Test
  void tokenBudgetRefuses_requestIsGivenBack_andTheWaitIsTheTokenWait() {
    var ul = UsageLimits.of(60, 60_000, ticker); // 1,000 tokens per second
    assertThat(ul.tryAcquire(60_000)).isZero();
    assertThat(ul.tryAcquire(2_000)).isEqualTo(2 * SECOND);
    assertThat(ul.requests().available()).as("the refused request's slot came back").isEqualTo(59);
  }

  @Test
  void requestBudgetRefuses_tokensUntouched_andTheWaitIsTheLongerOfBoth() {
    var ul = UsageLimits.of(1, 60_000, ticker);
    assertThat(ul.tryAcquire(59_000)).isZero();
    assertThat(ul.tryAcquire(5_000)).isEqualTo(60 * SECOND);
    assertThat(ul.tokens().available()).isEqualTo(1_000);
  }

  @Test
  void reconcile_andRelease() {
    var ul = UsageLimits.of(60, 100_000, ticker);
    ul.tryAcquire(10_000);
    ul.reconcile(10_000, 4_000);
    assertThat(ul.tokens().available()).isEqualTo(96_000);
    ul.tryAcquire(5_000);
    ul.release(5_000);
    assertThat(ul.tokens().available()).isEqualTo(96_000);
    assertThat(ul.requests().available()).isEqualTo(59);
  }

  @Test
  void zeroBudget_meansNoLimitOnThatDimension() {
    var ul = UsageLimits.of(0, 1_000, ticker);
    for (int i = 0; i < 1_000; i++) assertThat(ul.tryAcquire(1)).isZero();
    assertThat(ul.tryAcquire(1)).isPositive();
    assertThat(ul.requests().isUnlimited()).isTrue();
  }

  @Test
  void concurrentAcquirers_neverExceedEitherBudget() throws Exception {
    var ul = UsageLimits.of(1_000, 50_000, new FakeTicker());
    AtomicLong requests = new AtomicLong();
    AtomicLong tokens = new AtomicLong();
    int threads = 4;
    var start = new CountDownLatch(1);
    var done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int size = 10 + 25 * t;
      Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int i = 0; i < 5_000; i++) {
            if (ul.tryAcquire(size) == 0) {
              requests.incrementAndGet();
              tokens.addAndGet(size);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    start.countDown();
    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(requests.get()).isLessThanOrEqualTo(1_000);
    assertThat(tokens.get()).isLessThanOrEqualTo(50_000);
    // Both-or-neither: what each budget lost is exactly what the granted requests took.
    assertThat(ul.requests().available()).isEqualTo(1_000 - requests.get());
    assertThat(ul.tokens().available()).isEqualTo(50_000 - tokens.get());
  }
}
