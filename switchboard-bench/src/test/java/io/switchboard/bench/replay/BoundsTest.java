package io.switchboard.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.bench.workload.ListWorkload;
import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workloads;
import io.switchboard.sim.Engine;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import io.switchboard.sim.model.GpuProfile;
import io.switchboard.sim.model.GpuProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundsTest {
  private static final GpuProfile H100 = GpuProfiles.builtIn().find("h100").orElseThrow();
  private static final EngineFactory ENGINES = EngineFactory.calibrated(H100);

  /** TTFT of {@code prompts} run one after another, each alone, on one idle engine (so later ones hit the cache). */
  private static double[] sequentialTtftMs(int[]... prompts) {
    Engine engine = ENGINES.create();
    double[] out = new double[prompts.length];
    long now = 0;
    for (int i = 0; i < prompts.length; i++) {
      long[] first = {-1};
      boolean[] done = {false};
      engine.submit(new SimRequest(i, prompts[i], 2, new TokenListener() {
        @Override public void onTokens(long id, int count, long at) { if (first[0] < 0) first[0] = at; }

        @Override public void onFinished(long id, Completion c, long at) { done[0] = true; }
      }), now);
      long start = now;
      while (!done[0]) engine.advanceTo(now = engine.nextEventNanos());
      out[i] = (first[0] - start) / 1e6;
    }
    return out;
  }

  @Test
  void ttftFloor_requestAloneOnIdleReplica_equalsTheEnginesTtft_coldAndWithACachedPrefix() {
    PromptRecipe shared = PromptRecipe.of(7, 3000);
    PromptRecipe a = shared.append(1, 500), b = shared.append(2, 800);
    var w = new ListWorkload("two", 1, List.of(new TraceRequest(0, 0, a, 2, 0), new TraceRequest(1, 10_000_000_000L, b, 2, 0)));
    double[] engine = sequentialTtftMs(a.tokens(), b.tokens());
    Bounds bounds = Bounds.measure(w, 1, 10, 1, 0.5, 1, H100); // the first warms the cache, the second is measured
    assertThat(bounds.ttftFloorP50Ms()).isCloseTo(engine[1], within(0.001));
    assertThat(bounds.replayHitsTtftP90Ms()).isCloseTo(engine[1], within(0.001)); // one replica's LRU holds the prefix too
    assertThat(bounds.infiniteCacheHitRate()).isCloseTo(2992.0 / 3800, within(1e-9)); // 3000 shared tokens = 187 full blocks (2992) + 8
    Bounds cold = Bounds.measure(w, 1, 10, 1, 0, 1, H100);
    assertThat(cold.ttftFloorP99Ms()).isCloseTo(engine[0], within(0.001)); // the first request, cold, is the slowest
  }

  @Test
  void durationFloor_traceWhoseTimestampsGoBackwards_usesTheReplayedArrivals() {
    // Replayed in file order: the first measured request (raw 5 s) is sent at 10 s, after the warm-up one.
    var w = new ListWorkload("backwards", 1, List.of(
        new TraceRequest(0, 10_000_000_000L, PromptRecipe.of(1, 100), 50, 0),
        new TraceRequest(1, 5_000_000_000L, PromptRecipe.of(2, 100), 50, 0),
        new TraceRequest(2, 12_000_000_000L, PromptRecipe.of(3, 100), 50, 0)));
    var config = new ReplayConfig(1, "round-robin", 1, 50_000_000L, 0.34, new Slo(1_000_000_000L, 1_000_000_000L), 16, 20);
    RunResult r = Replay.run(w, 1, 3, config, ENGINES);
    Bounds b = Bounds.measure(w, 1, 3, 1, 0.34, 1, H100);
    assertThat(r.durationSeconds()).isGreaterThanOrEqualTo(b.durationFloorSeconds());
    assertThat(b.durationFloorSeconds()).isBetween(2.0, r.durationSeconds()); // 2 s apart, then request 2's own time
  }

  @Test
  void bounds_holdForEveryPolicy_inAnOverloadedReplay() {
    var w = Workloads.parse("shared-prefix:groups=8:system=1000-3000:question=32-128:output=32-128:rate=200", Workloads.tracesDir(null));
    Bounds b = Bounds.measure(w, 1, 300, 1, 0.1, 2, H100);
    for (String policy : List.of("round-robin", "smart")) {
      var config = new ReplayConfig(2, policy, 1, 50_000_000L, 0.1, new Slo(1_000_000_000L, 1_000_000_000L), 16, 20);
      RunResult r = Replay.run(w, 1, 300, config, ENGINES);
      assertThat(r.ttftMs().p50()).as(policy).isGreaterThanOrEqualTo(b.ttftFloorP50Ms());
      assertThat(r.ttftMs().p90()).as(policy).isGreaterThanOrEqualTo(b.ttftFloorP90Ms());
      assertThat(r.durationSeconds()).as(policy).isGreaterThanOrEqualTo(b.durationFloorSeconds());
      assertThat(r.outputTokensPerS()).as(policy).isLessThanOrEqualTo(b.outputTokensPerSCeiling());
      assertThat(r.throughputRps()).as(policy).isLessThanOrEqualTo(b.requestsPerSCeiling());
    }
    assertThat(b.replayHitsTtftP90Ms()).isGreaterThanOrEqualTo(b.ttftFloorP90Ms()); // finite caches hit no more
    // Overloaded: the GPU work, not the arrivals, bounds the window, and the ceiling is near what the run reaches.
    assertThat(b.requestsPerSCeiling()).isLessThan(200);
  }
}
