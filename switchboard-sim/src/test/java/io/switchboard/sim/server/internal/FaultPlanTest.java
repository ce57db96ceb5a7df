package io.switchboard.sim.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  private static final double[] NEVER = filled(0.999);
  private static final double[] ALWAYS = filled(0.0);

  @Test
  void decide_nextCount_firesWithoutDrawAndIsConsumed() {
    Faults f = Faults.none().withNext(FaultKind.HTTP_500, 2);
    FaultPlan plan = FaultPlan.decide(f, NEVER, true);

    assertThat(plan.replacement()).isEqualTo(FaultKind.HTTP_500);
    assertThat(plan.consumed()).containsExactly(FaultKind.HTTP_500);
    assertThat(FaultPlan.countDown(f, plan.consumed()).rule(FaultKind.HTTP_500).next()).isEqualTo(1);
  }

  @Test
  void decide_severalReplacingFaultsFire_firstInOrderWinsAndOthersAreNotConsumed() {
    Faults f = Faults.none().withNext(FaultKind.HTTP_503, 1).withNext(FaultKind.HTTP_429, 1);
    FaultPlan plan = FaultPlan.decide(f, NEVER, true);

    assertThat(plan.replacement()).isEqualTo(FaultKind.HTTP_429);
    // The 503 stays scheduled for the following request.
    assertThat(plan.consumed()).containsExactly(FaultKind.HTTP_429);
  }

  @Test
  void decide_inStreamFaultsForEmbeddings_areIgnoredAndKept() {
    Faults f = Faults.none().withNext(FaultKind.STALL, 1).withProbability(FaultKind.CUT_STREAM, 1.0);
    FaultPlan plan = FaultPlan.decide(f, ALWAYS, false);

    assertThat(plan.any()).isFalse();
    assertThat(plan.consumed()).isEmpty();
  }

  @Test
  void decide_probabilityComparesWithDraw() {
    Faults f = Faults.none().withProbability(FaultKind.SLOW_FIRST_TOKEN, 0.5);
    double[] draws = filled(0.999);
    draws[FaultKind.SLOW_FIRST_TOKEN.ordinal()] = 0.49;

    assertThat(FaultPlan.decide(f, draws, true).inStream()).containsExactly(FaultKind.SLOW_FIRST_TOKEN);
    assertThat(FaultPlan.decide(f, NEVER, true).any()).isFalse();
  }

  @Test
  void plan_nextNSchedule_hitsExactlyNRequests() {
    FaultState state = new FaultState(Faults.none().withNext(FaultKind.HTTP_503, 3), new SplittableRandom(1));
    int hits = 0;
    for (int i = 0; i < 10; i++) if (state.plan(true).replacement() == FaultKind.HTTP_503) hits++;

    assertThat(hits).isEqualTo(3);
    assertThat(state.current().rule(FaultKind.HTTP_503).off()).isTrue();
  }

  @Test
  void plan_probability_hitsAboutThatShareWithSeededGenerator() {
    FaultState state = new FaultState(Faults.none().withProbability(FaultKind.HTTP_500, 0.25), new SplittableRandom(7));
    int hits = 0;
    for (int i = 0; i < 4000; i++) if (state.plan(true).replacement() == FaultKind.HTTP_500) hits++;

    assertThat(hits).isBetween(900, 1100);
  }

  private static double[] filled(double v) {
    double[] d = new double[FaultKind.values().length];
    Arrays.fill(d, v);
    return d;
  }
}
