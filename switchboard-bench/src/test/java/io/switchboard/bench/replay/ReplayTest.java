package io.switchboard.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.bench.workload.ListWorkload;
import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final Slo LOOSE = new Slo(1_000_000_000L, 1_000_000_000L);

  private static ReplayConfig config(int replicas, String policy) {
    return new ReplayConfig(replicas, policy, 1, 10_000_000L, 0, LOOSE, 16, 20);
  }

  @Test
  void metrics_handMadeExample_followVllmBenchmarkDefinitions() {
    // Toy engine: step = 1 ms + 0.1 ms x running + 10 us x new prompt tokens; one replica.
    // Request 0 at t=0: prompt 100, 3 output tokens. Step 1: 1 + 0.1 + 1.0 = 2.1 ms -> token 1 (TTFT 2.1 ms).
    // Steps 2, 3: 1.1 ms each -> tokens at 3.2 and 4.3 ms. TPOT = (4.3 - 2.1) / 2 = 1.1 ms; ITLs 1.1, 1.1.
    // Request 1 at t=10 ms: prompt 50, 1 output token: step 1 + 0.1 + 0.5 = 1.6 ms -> TTFT = E2E = 1.6 ms, no TPOT.
    var w = new ListWorkload("hand", 1, List.of(
        new TraceRequest(0, 0, PromptRecipe.of(1, 100), 3, 0),
        new TraceRequest(1, 10_000_000, PromptRecipe.of(2, 50), 1, 0)));
    RunResult r = Replay.run(w, 1, 10, config(1, "round-robin").withSlo(new Slo(2_000_000, 2_000_000)), ToyEngine.factory());
    assertThat(r.requests()).isEqualTo(2);
    assertThat(r.ttftMs().mean()).isCloseTo((2.1 + 1.6) / 2, within(1e-9));
    assertThat(r.ttftMs().p99()).isCloseTo(2.1, within(0.005)); // HdrHistogram: 3 significant digits
    assertThat(r.tpotMs().mean()).isCloseTo(1.1, within(1e-9)); // the 1-token request has no TPOT
    assertThat(r.itlMs().mean()).isCloseTo(1.1, within(1e-9));
    assertThat(r.e2eMs().mean()).isCloseTo((4.3 + 1.6) / 2, within(1e-9));
    // Duration: first arrival (0) to last completion (11.6 ms).
    assertThat(r.durationSeconds()).isCloseTo(0.0116, within(1e-12));
    assertThat(r.throughputRps()).isCloseTo(2 / 0.0116, within(1e-6));
    assertThat(r.outputTokensPerS()).isCloseTo(4 / 0.0116, within(1e-6));
    // SLO TTFT <= 2 ms: request 0 (2.1 ms) misses, request 1 meets it.
    assertThat(r.sloAttainment()).isEqualTo(0.5);
    assertThat(r.goodputRps()).isCloseTo(1 / 0.0116, within(1e-6));
    assertThat(r.errors()).isZero();
  }

  @Test
  void warmup_firstTenPercentOfRequests_areLeftOutOfTheMetrics() {
    List<TraceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 20; i++) rs.add(new TraceRequest(i, i * 100_000_000L, PromptRecipe.of(i, 10), 2, 0));
    var w = new ListWorkload("warm", 10, rs);
    RunResult r = Replay.run(w, 1, 100, new ReplayConfig(2, "round-robin", 1, 0, 0.1, LOOSE, 16, 20), ToyEngine.factory());
    assertThat(r.requests()).isEqualTo(18);
    assertThat(r.routedPerReplica()).containsExactly(9, 9);
  }

  /** Alternating long and short requests: round-robin sends every long one to the same replica. */
  private static ListWorkload skewed() {
    List<TraceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int out = i % 2 == 0 ? 400 : 4;
      rs.add(new TraceRequest(i, i * 20_000_000L, PromptRecipe.of(i, 200), out, 0));
    }
    return new ListWorkload("skewed", 50, rs);
  }

  @Test
  void leastOutstanding_beatsRoundRobin_onASkewedWorkload() {
    // Replicas take 4 requests at once, so a replica holding the long ones queues the short ones behind them.
    EngineFactory f = ToyEngine.factory(1_000_000, 100_000, 10_000, 4);
    RunResult rr = Replay.run(skewed(), 1, 400, config(2, "round-robin"), f);
    RunResult lo = Replay.run(skewed(), 1, 400, config(2, "least-outstanding"), f);
    assertThat(lo.ttftMs().p90()).isLessThan(rr.ttftMs().p90() / 2);
    assertThat(lo.e2eMs().mean()).isLessThan(rr.e2eMs().mean());
  }

  @Test
  void learnedOutputs_routeOnTheLearnedMeanAnswer_notEachRequestsOwnLength() {
    // Round-robin sends every 400-token answer to replica 0 and every 4-token one to replica 1: told the true
    // lengths, replica 0 is charged (200 + 400) / (200 + 4) times the tokens; told the learned mean, about the same.
    EngineFactory f = ToyEngine.factory(1_000_000, 100_000, 10_000, 4);
    RunResult exact = Replay.run(skewed(), 1, 400, config(2, "round-robin"), f);
    RunResult learned = Replay.run(skewed(), 1, 400, config(2, "round-robin").withLearnedOutputs(true), f);
    assertThat(exact.maxMeanTokens()).isCloseTo(2 * 600.0 / 804, within(0.001));
    assertThat(learned.maxMeanTokens()).isLessThan(1.02);
    assertThat(learned.routedPerReplica()).containsExactly(exact.routedPerReplica());
  }

  @Test
  void prefixOnly_oneSharedSystemPrompt_hotSpotsOneReplica_whileRoundRobinSpreads() {
    var w = Workloads.parse("one-system-prompt:rate=50", Workloads.tracesDir(null));
    RunResult prefix = Replay.run(w, 1, 300, config(4, "prefix-only"), ToyEngine.factory());
    RunResult rr = Replay.run(w, 1, 300, config(4, "round-robin"), ToyEngine.factory());
    assertThat(prefix.maxMeanLoad()).isCloseTo(4.0, within(0.01)); // everything on one of 4 replicas
    assertThat(rr.maxMeanLoad()).isLessThan(1.05);
    assertThat(prefix.prefixHitRate()).isGreaterThan(rr.prefixHitRate());
  }

  @Test
  void vllmDp_withStaleScrapes_stillSpreadsByCountingWhatItSentSinceTheScrape() {
    // All requests of a burst arrive within one scrape interval: a scrape-only score would send them all to
    // one replica; counting dispatches since the scrape spreads them.
    List<TraceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 40; i++) rs.add(new TraceRequest(i, 1_000_000L + i, PromptRecipe.of(i, 64), 50, 0));
    var w = new ListWorkload("burst", 1000, rs);
    RunResult r = Replay.run(w, 1, 40, new ReplayConfig(4, "vllm-dp", 1, 1_000_000_000L, 0, LOOSE, 16, 20), ToyEngine.factory());
    assertThat(r.routedPerReplica()).containsExactly(10, 10, 10, 10);
  }

  @Test
  void receipts_sampleEveryKthMeasuredRequest_withTheirOutcome_andChangeNoDecision() {
    var w = Workloads.parse("shared-prefix:groups=4:rate=200", Workloads.tracesDir(null));
    ReplayConfig c = new ReplayConfig(3, "smart", 1, 10_000_000L, 0.1, LOOSE, 16, 20);
    RunResult plain = Replay.run(w, 1, 300, c, ToyEngine.factory());
    RunResult explained = Replay.run(w, 1, 300, c.withReceipts(5), ToyEngine.factory());
    // 270 measured requests, 5 receipts: every 54th measured one, from the first (request 30).
    assertThat(explained.receipts()).hasSize(5);
    assertThat(explained.receipts().get(0)).startsWith("request=30 ");
    assertThat(explained.receipts().get(1)).startsWith("request=84 ");
    for (String line : explained.receipts()) {
      assertThat(line).contains("smart pick=replica-", " reason=", " [replica-0 total=", " ttft_ms=", " tpot_pred_ms=");
    }
    assertThat(plain.receipts()).isEmpty();
    // Explaining only records a decision: every routing and latency figure is the same.
    assertThat(explained.routedPerReplica()).containsExactly(plain.routedPerReplica());
    assertThat(explained.ttftMs()).isEqualTo(plain.ttftMs());
    assertThat(explained.tpotMape()).isEqualTo(plain.tpotMape());
  }

  @Test
  void smart_reportsTtftAndTpotPredictionErrors_baselinesReportNone() {
    var w = Workloads.parse("shared-prefix:groups=4:rate=200", Workloads.tracesDir(null));
    RunResult smart = Replay.run(w, 1, 300, config(3, "smart"), ToyEngine.factory());
    RunResult rr = Replay.run(w, 1, 300, config(3, "round-robin"), ToyEngine.factory());
    assertThat(smart.ttftPredictions()).isEqualTo(smart.requests());
    assertThat(smart.tpotPredictions()).isPositive();
    assertThat(smart.tpotMape()).isPositive().isFinite();
    assertThat(rr.tpotPredictions()).isZero();
    assertThat(rr.ttftPredictions()).isZero();
  }

  @Test
  void replay_sameSeed_sameResult_otherSeed_otherResult() {
    var w = Workloads.parse("shared-prefix:groups=4:rate=200", Workloads.tracesDir(null));
    RunResult a = Replay.run(w, 1, 300, config(3, "power-of-two"), ToyEngine.factory());
    RunResult b = Replay.run(w, 1, 300, config(3, "power-of-two"), ToyEngine.factory());
    RunResult c = Replay.run(w, 1, 300, config(3, "power-of-two").withSeed(2), ToyEngine.factory());
    assertThat(b).usingRecursiveComparison().isEqualTo(a);
    assertThat(c.ttftMs()).isNotEqualTo(a.ttftMs());
  }

  @Test
  void capacity_isWhereRoundRobinAttainmentCrosses90Percent() {
    var w = Workloads.parse("sharegpt:rate=5", Workloads.tracesDir(null));
    EngineFactory f = ToyEngine.factory(1_000_000, 100_000, 10_000, 8);
    Unloaded unloaded = Unloaded.measure(w, f, 20);
    ReplayConfig c = config(2, "round-robin").withSlo(unloaded.slo(5));
    Capacity cap = Capacity.measure(w, c, f, 150, unloaded);
    assertThat(cap.limitedByLength()).isFalse();
    assertThat(cap.probes()).hasSizeGreaterThan(Capacity.BISECTIONS);
    double atCap = Replay.run(w, cap.rateScale(), 150, c.withSeed(1), f).sloAttainment();
    double above = Replay.run(w, cap.rateScale() * 1.5, 150, c.withSeed(1), f).sloAttainment();
    assertThat(atCap).isGreaterThanOrEqualTo(0.9);
    assertThat(above).isLessThan(0.9);
    assertThat(cap.requestsPerSecond()).isCloseTo(cap.rateScale() * 5, within(1e-9));
  }

  @Test
  void capacity_throughputMode_isWhereCompletionsStopKeepingUpWithArrivals() {
    var w = Workloads.parse("sharegpt:rate=5", Workloads.tracesDir(null));
    EngineFactory f = ToyEngine.factory(1_000_000, 100_000, 10_000, 8);
    Unloaded unloaded = Unloaded.measure(w, f, 20);
    ReplayConfig c = config(2, "round-robin").withSlo(unloaded.slo(5));
    Capacity cap = Capacity.measure(Capacity.Mode.THROUGHPUT, w, c, f, 300, unloaded);
    assertThat(cap.limitedByLength()).isFalse();
    assertThat(cap.bracketed()).isTrue();
    RunResult atCap = Replay.run(w, cap.rateScale(), 300, c.withSeed(1), f);
    RunResult above = Replay.run(w, cap.rateScale() * 1.5, 300, c.withSeed(1), f);
    assertThat(atCap.keptUp()).isGreaterThanOrEqualTo(0.97);
    assertThat(above.keptUp()).isLessThan(0.97);
    // Deterministic: the same probes again.
    assertThat(Capacity.measure(Capacity.Mode.THROUGHPUT, w, c, f, 300, unloaded)).isEqualTo(cap);
  }

  @Test
  void hitRateBound_oneSharedSystemPrompt_isHigh_andNoSharing_isZero() {
    var shared = Workloads.parse("one-system-prompt:system=2000:question=100", Workloads.tracesDir(null));
    var none = Workloads.parse("sharegpt", Workloads.tracesDir(null));
    assertThat(Replay.hitRateBound(shared, 4, 1 << 20, 400, 1, 0.1)).isGreaterThan(0.9);
    assertThat(Replay.hitRateBound(none, 4, 1 << 20, 400, 1, 0.1)).isZero();
  }

  @Test
  void capacity_shortSlice_isCappedWhereArrivalsOutrunRequestLifetimes() {
    // 30 requests can look sustainable at any rate: they all arrive before the first one finishes.
    var w = Workloads.parse("sharegpt:rate=5", Workloads.tracesDir(null));
    EngineFactory f = ToyEngine.factory(1_000_000, 100_000, 10_000, 1024);
    Unloaded unloaded = Unloaded.measure(w, f, 20);
    Capacity cap = Capacity.measure(w, config(8, "round-robin").withSlo(unloaded.slo(5)), f, 30, unloaded);
    assertThat(cap.limitedByLength()).isTrue();
    assertThat(cap.rateScale() * 5).isCloseTo(30 / (10 * unloaded.e2eNanos() / 1e9), within(1e-6));
  }
}
