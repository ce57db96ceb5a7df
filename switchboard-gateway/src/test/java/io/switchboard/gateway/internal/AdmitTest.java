package io.switchboard.gateway.internal;

import io.switchboard.core.RouteRequest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdmitTest {
  @Test
  void affinityKey_sessionHeaderWinsOverUser() {
    assertThat(Admit.affinityKey("s-1", "alice")).isEqualTo(Admit.affinityKey("s-1", "bob"))
        .isEqualTo(RouteRequest.affinityKeyOf("s-1")).isNotZero();
  }

  @Test
  void affinityKey_withoutSession_hashesTheUser() {
    assertThat(Admit.affinityKey(null, "alice")).isEqualTo(Admit.affinityKey("", "alice")).isEqualTo(RouteRequest.affinityKeyOf("alice"));
    assertThat(Admit.affinityKey(null, "alice")).isNotEqualTo(Admit.affinityKey(null, "bob"));
  }

  @Test
  void affinityKey_withNeither_isZero() {
    assertThat(Admit.affinityKey(null, null)).isZero();
  }

  @Test
  void priority_parsesIntegers_elseDefaultClass() {
    assertThat(Admit.priority("5")).isEqualTo(5);
    assertThat(Admit.priority("-2")).isEqualTo(-2);
    assertThat(Admit.priority(null)).isZero();
    assertThat(Admit.priority("high")).isZero();
    assertThat(Admit.priority("99999999999999")).isZero();
    assertThat(Admit.priority("40")).isEqualTo(Admit.MAX_PRIORITY);
    assertThat(Admit.priority("-40")).isEqualTo(Admit.MIN_PRIORITY);
  }

  @Test
  void objective_parsesWholeMilliseconds_absentIsNone_elseInvalid() {
    assertThat(Admit.objectiveNanos("250")).isEqualTo(250_000_000L);
    assertThat(Admit.objectiveNanos(null)).isZero();
    for (String bad : new String[] {"", "0", "-5", "1.5", "fast", "999999999"}) {
      assertThat(Admit.objectiveNanos(bad)).as(bad).isEqualTo(-1);
    }
  }
}
