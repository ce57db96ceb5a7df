package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrategiesTest {
  private static final RouteRequest REQ = RouteRequest.of("m", 100, 10);

  private static EndpointState ep(String id, int weight) {
    return new EndpointState(id, new EndpointLimits(weight, 1000));
  }

  private static String sequence(LoadBalancer lb, List<EndpointState> eps, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(lb.pick(eps, REQ).id());
    return sb.toString();
  }

  @Test
  void readsPrompt_onlyForPoliciesThatUseThePromptBlocks() {
    var signals = new io.switchboard.core.pipeline.Signals(io.switchboard.core.prefix.PrefixIndexes.uniform(64, 100_000));
    for (String blind : List.of("round-robin", "weighted-round-robin", "least-outstanding", "power-of-two", "random",
        "vllm-dp", "consistent-hash")) {
      assertThat(Strategies.create(blind, new SplittableRandom(1), signals).readsPrompt()).as(blind).isFalse();
    }
    assertThat(Strategies.create("smart", new SplittableRandom(1), signals).readsPrompt()).isTrue();
    assertThat(Strategies.create("prefix-only", new SplittableRandom(1), signals).readsPrompt()).isTrue();
  }

  @Test
  void roundRobin_cyclesThroughCandidatesInOrder() {
    var eps = List.of(ep("a", 1), ep("b", 1), ep("c", 1));
    assertThat(sequence(Strategies.create("round-robin", new SplittableRandom(1)), eps, 7)).isEqualTo("abcabca");
  }

  @Test
  void smoothWeighted_spreadsHeavyEndpointTurns_likeNginx() {
    // nginx's documented example: weights 5, 1, 1 give a a b a c a a, not a a a a a b c.
    var eps = List.of(ep("a", 5), ep("b", 1), ep("c", 1));
    assertThat(sequence(Strategies.create("weighted-round-robin", new SplittableRandom(1)), eps, 14))
        .isEqualTo("aabacaaaabacaa");
  }

  @Test
  void leastOutstanding_picksTheEmptiestEndpoint() {
    var a = ep("a", 1);
    var b = ep("b", 1);
    var c = ep("c", 1);
    a.tryAcquire(0);
    a.tryAcquire(0);
    c.tryAcquire(0);
    var lb = Strategies.create("least-outstanding", new SplittableRandom(1));
    for (int i = 0; i < 20; i++) assertThat(lb.pick(List.of(a, b, c), REQ)).isSameAs(b);
  }

  @Test
  void leastOutstanding_breaksTiesAtRandom_soEqualLoadsDoNotHerd() {
    var eps = List.of(ep("a", 1), ep("b", 1), ep("c", 1), ep("d", 1));
    var lb = Strategies.create("least-outstanding", new SplittableRandom(7));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++) counts.merge(lb.pick(eps, REQ).id(), 1, Integer::sum);
    // Each of four tied endpoints should get about 1000; a biased tie-break gives one of them everything.
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  @Test
  void powerOfTwo_neverPicksTheUniqueMostLoadedEndpoint() {
    var a = ep("a", 1);
    var b = ep("b", 1);
    for (int i = 0; i < 5; i++) a.tryAcquire(0);
    var lb = Strategies.create("power-of-two", new SplittableRandom(3));
    for (int i = 0; i < 50; i++) assertThat(lb.pick(List.of(a, b), REQ)).isSameAs(b);
  }

  @Test
  void vllmDp_countsRequestsSentSinceTheScrapeAsWaiting() {
    var a = ep("a", 1);
    var b = ep("b", 1);
    a.updateEngine(new EngineSnapshot(2, 0, 0.1, 0, a.dispatched()));
    b.updateEngine(new EngineSnapshot(3, 0, 0.1, 0, b.dispatched()));
    var lb = Strategies.create("vllm-dp", new SplittableRandom(1));
    assertThat(lb.pick(List.of(a, b), REQ)).isSameAs(a);
    // One request sent to a since the scrape weighs 4: a = 4*1 + 2 = 6 > b = 3.
    a.tryAcquire(0);
    assertThat(lb.pick(List.of(a, b), REQ)).isSameAs(b);
  }

  @Test
  void consistentHash_sendsOneKeyToOneEndpoint_andSpreadsManyKeys() {
    var eps = List.of(ep("a", 1), ep("b", 1), ep("c", 1), ep("d", 1));
    var lb = Strategies.create("consistent-hash", new SplittableRandom(1));
    Map<String, Integer> counts = new HashMap<>();
    for (long key = 1; key <= 4000; key++) {
      var req = new RouteRequest("m", 10, 10, key, 0);
      String first = lb.pick(eps, req).id();
      assertThat(lb.pick(eps, req).id()).isEqualTo(first);
      counts.merge(first, 1, Integer::sum);
    }
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1300));
  }

  @Test
  void consistentHash_removingAnEndpoint_movesOnlyItsKeys() {
    var eps = List.of(ep("a", 1), ep("b", 1), ep("c", 1), ep("d", 1));
    var lb = Strategies.create("consistent-hash", new SplittableRandom(1));
    int moved = 0;
    for (long key = 1; key <= 2000; key++) {
      var req = new RouteRequest("m", 10, 10, key, 0);
      String before = lb.pick(eps, req).id();
      String after = lb.pick(eps.subList(0, 3), req).id();
      if (!before.equals("d") && !before.equals(after)) moved++;
    }
    assertThat(moved).isZero();
  }

  @Test
  void create_unknownName_namesTheChoices() {
    assertThatThrownBy(() -> Strategies.create("fastest", new SplittableRandom(1)))
        .hasMessageContaining("unknown strategy 'fastest'").hasMessageContaining("least-outstanding");
  }
}
