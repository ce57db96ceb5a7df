package io.switchboard.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.bench.replay.EngineFactory;
import io.switchboard.bench.replay.Replay;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Slo;
import io.switchboard.bench.workload.Workload;
import io.switchboard.bench.workload.Workloads;
import io.switchboard.sim.model.GpuProfiles;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LiveReplayTest {
  private static final EngineFactory H100 = EngineFactory.calibrated(GpuProfiles.builtIn().find("h100").orElseThrow());
  private static final Slo SLO = new Slo(100_000_000L, 30_000_000L);

  /**
   * Short prompts (shared system prompts of 200-600 tokens plus 32-128-token questions) and 16-48 output tokens at
   * 12 req/s onto 2 calibrated H100 replicas: TTFT ~15-25 ms, TPOT ~6.5 ms, about one request in flight per
   * replica. 60 requests span ~5 s of real time.
   */
  private static final String LOW_LOAD = "shared-prefix:groups=8:system=200-600:question=32-128:output=16-48:rate=12";

  @Test
  void liveAndVirtual_lowLoad_agreeOnMeanTtftAndTpotWithin15Percent() {
    Workload w = Workloads.parse(LOW_LOAD, Path.of("."));
    ReplayConfig config = new ReplayConfig(2, "round-robin", 7, ReplayConfig.DEFAULT_SCRAPE_NANOS, 0.1, SLO, 64, 20);
    RunResult virtual = Replay.run(w, 1, 60, config, H100);
    RunResult live = LiveReplay.run(w, 1, 60, config, H100, LiveOptions.defaults().withTimeout(java.time.Duration.ofSeconds(60)));
    System.out.printf(Locale.ROOT, "virtual: TTFT mean %.2f p50 %.2f p99 %.2f ms, TPOT mean %.3f ms, ITL mean %.3f, E2E mean %.1f, n=%d, hit %.3f, routed %s%n",
        virtual.ttftMs().mean(), virtual.ttftMs().p50(), virtual.ttftMs().p99(), virtual.tpotMs().mean(), virtual.itlMs().mean(),
        virtual.e2eMs().mean(), virtual.requests(), virtual.prefixHitRate(), java.util.Arrays.toString(virtual.routedPerReplica()));
    System.out.printf(Locale.ROOT, "live:    TTFT mean %.2f p50 %.2f p99 %.2f ms, TPOT mean %.3f ms, ITL mean %.3f, E2E mean %.1f, n=%d, hit %.3f, routed %s, errors %d%n",
        live.ttftMs().mean(), live.ttftMs().p50(), live.ttftMs().p99(), live.tpotMs().mean(), live.itlMs().mean(),
        live.e2eMs().mean(), live.requests(), live.prefixHitRate(), java.util.Arrays.toString(live.routedPerReplica()), live.errors());
    assertThat(live.errors()).isZero();
    assertThat(live.requests()).isEqualTo(virtual.requests());
    assertThat(live.ttftMs().mean()).isCloseTo(virtual.ttftMs().mean(), within(0.15 * virtual.ttftMs().mean()));
    assertThat(live.tpotMs().mean()).isCloseTo(virtual.tpotMs().mean(), within(0.15 * virtual.tpotMs().mean()));
  }
}
