package io.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.EngineSnapshot;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.prefix.BlockHashes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {
  private static int[] tokens(int seed, int n) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) t[i] = seed * 100_003 + i;
    return t;
  }

  private static RouteRequest prompt(int[] t, int output) {
    return RouteRequest.of("m", t.length, output).withBlockHashes(BlockHashes.ofTokens(t, 16));
  }

  @Test
  void tokenLoad_prefersTheEndpointWithLessPrefillAndDecodeAhead() {
    var f = new Fixture(3, PipelineSpec.single("token-load"));
    // A 4,000-token prompt waiting for its first token on ep-0, 500 decode tokens left on ep-1, ep-2 idle.
    f.router.route(RouteRequest.of("m", 4000, 10), e -> e == f.ep(0), false);
    f.ep(1).tryAcquire(500);
    RouteDecision d = f.route(RouteRequest.of("m", 10, 10));
    assertThat(d.endpoint()).isSameAs(f.ep(2));
    double[] load = d.receipt().scores()[0];
    assertThat(load[0]).isLessThan(load[1]); // 4,000 prefill tokens weigh more than 500 decode tokens
  }

  @Test
  void tokenLoad_withOwnWeight_countsOnlyThePromptsUncachedTokens_soTheCacheHolderWinsAgainstALightQueue() {
    var own = new PipelineSpec("t", java.util.List.of("available"), java.util.List.of(new PipelineSpec.ScorerSpec("token-load", 1)),
        "max", Map.of("own-weight", "1"));
    var blind = PipelineSpec.single("token-load");
    int[] doc = tokens(3, 4000);
    int[] other = tokens(4, 500);
    for (var spec : java.util.List.of(own, blind)) {
      var f = new Fixture(2, spec);
      // ep-0 holds the 4,000-token prompt's prefix (a finished earlier request) and has 500 tokens of prefill queued.
      RouteDecision warm = f.router.route(prompt(doc, 10), e -> e == f.ep(0), false);
      warm.firstToken(50_000_000);
      warm.finished(10, 100_000_000, true);
      f.ep(0).release(warm.request().expectedTokens());
      f.router.route(prompt(other, 10), e -> e == f.ep(0), false);
      RouteDecision d = f.route(prompt(doc, 10));
      // With its own tokens counted, ep-0 costs 500 + ~1 vs ep-1's 4,000; blind, 500 vs 0.
      assertThat(d.endpoint()).isSameAs(spec == own ? f.ep(0) : f.ep(1));
    }
  }

  @Test
  void tokenLoad_firstTokenReport_movesThePromptOffThePrefillQueue() {
    var f = new Fixture(2, PipelineSpec.single("token-load"));
    RouteDecision d = f.router.route(RouteRequest.of("m", 4000, 10), e -> e == f.ep(0), false);
    assertThat(f.signals.of(f.ep(0)).prefillUncachedTokens()).isEqualTo(4000);
    d.firstToken(50_000_000);
    assertThat(f.signals.of(f.ep(0)).prefillUncachedTokens()).isZero();
    assertThat(f.signals.of(f.ep(0)).prefillRequests()).isZero();
    d.finished(10, 100_000_000, true);
    d.finished(10, 100_000_000, true); // a second report changes nothing
    assertThat(f.signals.of(f.ep(0)).prefillRequests()).isZero();
  }

  @Test
  void tokenLoad_untrackedTryRoute_leavesNothingPending() {
    var f = new Fixture(2, PipelineSpec.single("token-load"));
    f.router.tryRoute(RouteRequest.of("m", 4000, 10));
    assertThat(f.signals.of(f.ep(0)).prefillRequests() + f.signals.of(f.ep(1)).prefillRequests()).isZero();
  }

  @Test
  void engineState_correctsAStaleScrapeByCompletionsSinceIt() {
    var f = new Fixture(2, PipelineSpec.single("engine-state"));
    // ep-0 had 6 running at the scrape, all finished since; ep-1 had 2 running, still running.
    for (int i = 0; i < 6; i++) f.ep(0).tryAcquire(1);
    f.ep(0).updateEngine(new EngineSnapshot(6, 0, 0.1, 0, f.ep(0).dispatched(), f.ep(0).outstanding()));
    for (int i = 0; i < 6; i++) f.ep(0).release(1);
    for (int i = 0; i < 2; i++) f.ep(1).tryAcquire(1);
    f.ep(1).updateEngine(new EngineSnapshot(2, 0, 0.1, 0, f.ep(1).dispatched(), f.ep(1).outstanding()));
    assertThat(f.route(RouteRequest.of("m", 10, 10)).endpoint()).isSameAs(f.ep(0));
  }

  @Test
  void engineState_penalisesANearlyFullKvCache() {
    var f = new Fixture(2, PipelineSpec.single("engine-state"));
    f.ep(0).updateEngine(new EngineSnapshot(1, 0, 0.99, 0, 0, 0));
    f.ep(1).updateEngine(new EngineSnapshot(2, 0, 0.30, 0, 0, 0));
    assertThat(f.route(RouteRequest.of("m", 10, 10)).endpoint()).isSameAs(f.ep(1));
  }

  @Test
  void prefix_followsTheLongestBelievedMatch() {
    var f = new Fixture(4, PipelineSpec.single("prefix"));
    int[] doc = tokens(1, 2000);
    RouteDecision first = f.route(prompt(doc, 10));
    first.endpoint().release(2010);
    RouteDecision again = f.route(prompt(doc, 10));
    assertThat(again.endpoint()).isSameAs(first.endpoint());
    assertThat(again.receipt().scores()[0][again.receipt().pick()]).isGreaterThan(0.99);
  }

  @Test
  void prefix_sharedByEveryone_neverCollapsesOntoOneEndpoint() {
    // Every request shares one system prompt and none finishes: the load guard must spread them.
    var f = new Fixture(4, PipelineSpec.single("prefix"));
    Map<String, Integer> per = f.burst(prompt(tokens(7, 2000), 10), 200);
    assertThat(per).hasSize(4);
    assertThat(per.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(63)); // 1.25 x 50 + 1
  }

  @Test
  void session_keepsAKeyOnOneEndpoint_untilItIsAboveTheBoundedLoadCap() {
    var f = new Fixture(4, PipelineSpec.single("session"));
    var r = new RouteRequest("m", 10, 10, 42L, 0);
    var home = f.route(r).endpoint();
    home.release(20);
    for (int i = 0; i < 5; i++) {
      var d = f.route(r);
      assertThat(d.endpoint()).isSameAs(home);
      d.endpoint().release(20);
    }
    // Load the home far above the others: the session moves, to the same next endpoint each time.
    for (int i = 0; i < 20; i++) home.tryAcquire(1);
    var moved = f.route(r).endpoint();
    assertThat(moved).isNotSameAs(home);
    moved.release(20);
    assertThat(f.route(r).endpoint()).isSameAs(moved);
  }

  @Test
  void session_manyKeys_spreadOverAllEndpoints() {
    var f = new Fixture(4, PipelineSpec.single("session"));
    Map<String, Integer> per = new HashMap<>();
    for (long k = 1; k <= 400; k++) {
      var d = f.route(new RouteRequest("m", 10, 10, k, 0));
      per.merge(d.endpoint().id(), 1, Integer::sum);
    }
    assertThat(per.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(126)); // cap 1.25 x mean + 1
  }

  @Test
  void latency_everyEndpointWithinTheFairnessBandIsEligible() {
    var f = new Fixture(3, PipelineSpec.single("latency"));
    f.signals.of("ep-0").observeTtft(100);
    f.signals.of("ep-1").observeTtft(115); // within 1.2 x 100
    f.signals.of("ep-2").observeTtft(300);
    Map<String, Integer> per = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      var d = f.route(RouteRequest.of("m", 10, 1));
      per.merge(d.endpoint().id(), 1, Integer::sum);
      d.endpoint().release(11);
    }
    assertThat(per).containsOnlyKeys("ep-0", "ep-1");
    assertThat(per.get("ep-1")).isBetween(150, 250);
  }

  @Test
  void predictedLatency_learnsEachEndpointsSpeedFromReports() {
    var f = new Fixture(2, PipelineSpec.single("predicted-latency"));
    // ep-0 takes 3x as long per prompt token as ep-1; the model learns it from observed TTFTs.
    for (int i = 0; i < 200; i++) {
      for (int e = 0; e < 2; e++) {
        int tokens = 500 + (i * 37) % 3000;
        int ep = e;
        RouteDecision d = f.router.route(RouteRequest.of("m", tokens, 10), x -> x == f.ep(ep), false);
        double ms = 10 + tokens * (ep == 0 ? 0.3 : 0.1);
        d.firstToken((long) (ms * 1e6));
        d.finished(10, (long) (ms * 1e6) + 90_000_000L, true);
        d.endpoint().release(d.request().expectedTokens());
      }
    }
    RouteDecision d = f.route(RouteRequest.of("m", 2000, 10));
    assertThat(d.endpoint()).isSameAs(f.ep(1));
    assertThat(d.predictedTtftNanos() / 1e6).isCloseTo(210, org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void predictedLatency_withAnObjective_scoresHeadroom() {
    var f = new Fixture(2, PipelineSpec.single("predicted-latency"));
    f.router.route(RouteRequest.of("m", 8000, 10), e -> e == f.ep(0), false); // 8k tokens queued on ep-0
    RouteDecision d = f.route(RouteRequest.of("m", 100, 10).withTtftObjective(100_000_000L));
    assertThat(d.endpoint()).isSameAs(f.ep(1));
    double[] s = d.receipt().scores()[0];
    assertThat(s[1]).isGreaterThan(0.5); // meets 100 ms
    assertThat(s[0]).isLessThan(0.5);    // prior predicts ~340 ms behind 8k tokens
  }

  @Test
  void predictedLatency_learnsTpotFromFinishedRequests_andATpotObjectiveSteersToHeadroom() {
    var f = new Fixture(2, PipelineSpec.single("predicted-latency"));
    trainTpot(f);
    for (int k = 0; k < 20; k++) f.ep(0).tryAcquire(100); // ep-0 decodes 20 requests, ep-1 none
    RouteDecision d = f.route(RouteRequest.of("m", 100, 11).withTpotObjective(8_000_000L));
    assertThat(d.endpoint()).isSameAs(f.ep(1));
    assertThat(d.predictedTpotNanos() / 1e6).isCloseTo(5.5, org.assertj.core.data.Percentage.withPercentage(5));
    double[] s = d.receipt().scores()[0];
    assertThat(s[1]).isGreaterThan(0.5); // 5.5 ms meets 8 ms
    assertThat(s[0]).isLessThan(0.5);    // 15.5 ms misses it
  }

  @Test
  void objectiveReachable_needsOneEndpointThatMeetsTheTtftAndTheTpotObjectiveTogether() {
    var f = new Fixture(2, PipelineSpec.single("predicted-latency"));
    trainTpot(f);
    for (int k = 0; k < 20; k++) f.ep(0).tryAcquire(100); // ep-0: quick first token, slow decode (20 in its batch)
    f.router.route(RouteRequest.of("m", 8000, 10), e -> e == f.ep(1), false); // ep-1: 8k tokens to prefill first
    var ttft = RouteRequest.of("m", 100, 11).withTtftObjective(100_000_000L);
    var tpot = RouteRequest.of("m", 100, 11).withTpotObjective(8_000_000L);
    assertThat(f.router.objectiveReachable(ttft, e -> true)).isTrue();  // ep-0 meets it
    assertThat(f.router.objectiveReachable(tpot, e -> true)).isTrue();  // ep-1 meets it
    assertThat(f.router.objectiveReachable(ttft.withTpotObjective(8_000_000L), e -> true)).isFalse();
    assertThat(f.router.objectiveReachable(ttft.withTpotObjective(40_000_000L), e -> true)).isTrue();
    assertThat(f.router.objectiveReachable(tpot, e -> e == f.ep(0))).isFalse();
  }

  /** Both endpoints learn TPOT = 5 ms + 0.5 ms per request on the endpoint (counting this one) from finishes. */
  private static void trainTpot(Fixture f) {
    for (int i = 0; i < 400; i++) {
      int ep = i % 2, busy = (i / 2) % 24;
      for (int k = 0; k < busy; k++) f.ep(ep).tryAcquire(100);
      RouteDecision d = f.router.route(RouteRequest.of("m", 100, 11), x -> x == f.ep(ep), false);
      double tpotMs = 5 + 0.5 * (busy + 1);
      d.firstToken(20_000_000L);
      d.finished(11, 20_000_000L + (long) (10 * tpotMs * 1e6), true);
      d.endpoint().release(d.request().expectedTokens());
      for (int k = 0; k < busy; k++) f.ep(ep).release(100);
    }
  }

  @Test
  void unknownNames_failWithTheValidChoices() {
    assertThatThrownBy(() -> Pipeline.create(PipelineSpec.single("nope"), Signals.defaults(), new java.util.SplittableRandom(1)))
        .hasMessageContaining("unknown scorer 'nope'").hasMessageContaining("token-load");
    assertThatThrownBy(() -> Pipeline.create(PipelineSpec.parse("pipeline/scorers=prefix/bogus=1"), Signals.defaults(),
        new java.util.SplittableRandom(1))).hasMessageContaining("unknown parameter 'bogus'");
  }
}
