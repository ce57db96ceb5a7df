package io.switchboard.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimelineTest {
  @Test
  void of60s_killsBeforeTheStorm_andRestartsBeforeIt() {
    Timeline t = Timeline.of(Duration.ofSeconds(60));
    assertThat(t.kill()).isEqualTo(9_000);
    // At most one replica is out of service at once: the dead one is back before the 429 storm starts.
    assertThat(t.restart()).isLessThan(t.stormFrom());
    assertThat(t.streamTo()).isLessThan(t.end());
  }

  @Test
  void phase_splitsTheRunAtTheFirstFaultAndTheLastFaultsEnd() {
    Timeline t = Timeline.of(Duration.ofSeconds(60));
    assertThat(t.phase(8_999)).isEqualTo("before");
    assertThat(t.phase(9_000)).isEqualTo("during");
    assertThat(t.phase(44_999)).isEqualTo("during");
    assertThat(t.phase(45_000)).isEqualTo("after");
  }
}
