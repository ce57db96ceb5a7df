package io.switchboard.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowStartTest {
  private static final long S = 1_000_000_000L;
  private static final SlowStart LINEAR = SlowStart.DEFAULTS; // 30 s, aggression 1, floor 10 %

  @Test
  void linear_rampsFromTheFloorToFull() {
    long at = -7 * S;
    assertThat(LINEAR.factor(at, at)).isEqualTo(0.1);
    assertThat(LINEAR.factor(at + 3 * S, at)).isEqualTo(0.1, within(1e-9));
    assertThat(LINEAR.factor(at + 6 * S, at)).isEqualTo(0.2, within(1e-9));
    assertThat(LINEAR.factor(at + 15 * S, at)).isEqualTo(0.5, within(1e-9));
    assertThat(LINEAR.factor(at + 30 * S, at)).isEqualTo(1.0);
    assertThat(LINEAR.factor(at + 3600 * S, at)).isEqualTo(1.0);
  }

  @Test
  void ramp_isMonotonic() {
    double prev = 0;
    for (long ms = 0; ms <= 31_000; ms += 250) {
      double f = LINEAR.factor(ms * 1_000_000L, 0);
      assertThat(f).isGreaterThanOrEqualTo(prev);
      prev = f;
    }
  }

  @Test
  void aggression_rampsFasterEarly() {
    var aggressive = new SlowStart(Duration.ofSeconds(30), 2.0, 0.1);
    assertThat(aggressive.factor(7_500_000_000L, 0)).isEqualTo(0.5, within(1e-9));
    assertThat(aggressive.factor(15 * S, 0)).isGreaterThan(LINEAR.factor(15 * S, 0));
  }

  @Test
  void disabled_isAlwaysFull() {
    assertThat(SlowStart.DISABLED.factor(0, 0)).isEqualTo(1.0);
  }

  @Test
  void readmission_startsTheRampWhenTheBreakerClosesAfterHalfOpen() {
    var ticker = new FakeTicker();
    var readmission = new Readmission(LINEAR, ticker);
    var cb = new CircuitBreaker("ep", FailureTolerance.DEFAULTS.withAllowedFailuresPerMinute(0), ticker,
        List.of(readmission));
    assertThat(readmission.weightFactor()).as("never ejected: full weight").isEqualTo(1.0);
    cb.onFailure();
    ticker.advanceSeconds(30);
    assertThat(cb.tryAcquirePermission()).isTrue();
    cb.onSuccess();
    assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(readmission.weightFactor()).isEqualTo(0.1);
    ticker.advanceSeconds(15);
    assertThat(readmission.effectiveWeight(4)).isEqualTo(2.0, within(1e-9));
    ticker.advanceSeconds(15);
    assertThat(readmission.weightFactor()).isEqualTo(1.0);
  }
}
