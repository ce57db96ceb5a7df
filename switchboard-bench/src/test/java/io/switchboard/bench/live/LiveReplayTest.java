package io.switchboard.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.util.ResourceLeakDetector;
import io.switchboard.bench.replay.EngineFactory;
import io.switchboard.bench.replay.Replay;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Slo;
import io.switchboard.bench.workload.Workload;
import io.switchboard.bench.workload.Workloads;
import io.switchboard.sim.model.GpuProfiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LiveReplayTest {
  private static final EngineFactory H100 = EngineFactory.calibrated(GpuProfiles.builtIn().find("h100").orElseThrow());
  private static final Slo SLO = new Slo(200_000_000L, 30_000_000L);

  /**
   * 60 requests at 10 req/s onto 2 calibrated H100 replicas (~6 s of real time): mostly distinct 1,000-3,000-token
   * prompts (64 prefix groups), 16-48 output tokens. TTFT ~35-85 ms (prefill + the 8 ms API overhead), TPOT
   * ~6.5 ms, about one request in flight per replica: low load.
   */
  private static final String LOW_LOAD = "shared-prefix:groups=64:system=1000-3000:question=32-128:output=16-48:rate=10";
  /**
   * CPU that other processes may use during the live run, in cores, before the comparison is skipped: a quarter of
   * the machine (0.5 cores on the 2-core CI machine). CI runs this while nothing else runs (~0.0 cores). On this
   * 2-core VM: idle (0.01-0.06 cores) TTFT +7-8%; next to another build at 0.6 cores +9%; at 1.1-1.3 cores mostly
   * +8-12% but once +34%; at 1.4-1.9 cores +9% to +330%. Once others take more than a sliver, every hop of a live
   * request may wait for a core, a measurement of the neighbours, not of the stack. The figure is read from the OS
   * ({@code /proc/stat} minus this JVM's own CPU time), independently of any latency the test compares.
   */
  private static final double MAX_OTHER_CORES = Runtime.getRuntime().availableProcessors() / 4.0;

  /**
   * Issue 3: at low load, live and virtual agree on mean TTFT and TPOT within 15%. The engine runs identically in
   * both modes: per request, the server's arrival-to-first-token time (engine time) equals the virtual TTFT for most
   * requests (median difference 0). What live adds is the real path of a request, which virtual time does not model:
   * client to gateway to server ~1.8 ms median (the gateway ~1.1 of it), the first token's wake-up after its deadline
   * ~0.2 ms, and its way back through the gateway ~0.8 ms: about 3 ms, +7-8% on an idle machine. See
   * docs/replay/README.md, "Live vs virtual", for the per-hop measurements.
   */
  @Test
  void liveAndVirtual_lowLoad_sameRequestsAndTtftAndTpotWithin15Percent() {
    Workload w = Workloads.parse(LOW_LOAD, Path.of("."));
    ReplayConfig config = new ReplayConfig(2, "round-robin", 7, ReplayConfig.DEFAULT_SCRAPE_NANOS, 0.1, SLO, 64, 20);
    RunResult virtual = Replay.run(w, 1, 60, config, H100);
    ResourceLeakDetector.Level leaks = ResourceLeakDetector.getLevel();
    LiveResult measured;
    double otherCores;
    try {
      // Paranoid leak tracking (the build's setting) records a stack trace at every buffer access: CPU that would
      // be measured as latency. The gateway's and the simulator's own tests check for leaks.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
      LiveOptions options = LiveOptions.defaults().withTimeout(Duration.ofSeconds(60));
      LiveReplay.warmUp(w, 1, config, H100, options);
      CpuProbe cpu = CpuProbe.start();
      measured = LiveReplay.runMeasured(w, 1, 60, config, H100, options);
      otherCores = cpu.otherProcessesCores();
    } finally {
      ResourceLeakDetector.setLevel(leaks);
    }
    RunResult live = measured.run();
    System.out.printf(Locale.ROOT, "other processes %.2f cores, client send lag mean %.2f ms, max %.2f ms%n",
        otherCores, measured.meanSendLagMs(), measured.maxSendLagMs());
    print("virtual", virtual);
    print("live", live);
    // Both modes served the same requests on the same replicas, so any difference is in how latency is measured.
    assertThat(live.errors()).isZero();
    assertThat(live.requests()).isEqualTo(virtual.requests());
    assertThat(live.routedPerReplica()).containsExactly(virtual.routedPerReplica());
    // Hits depend a little on timing: a prompt only hits blocks an earlier request has finished computing.
    assertThat(live.prefixHitRate()).isCloseTo(virtual.prefixHitRate(), within(0.05));
    assumeTrue(otherCores <= MAX_OTHER_CORES, String.format(Locale.ROOT,
        "the machine was shared: other processes used %.2f cores during the live run, so real-time latencies measure"
            + " them too", otherCores));
    assertThat(live.tpotMs().mean()).isCloseTo(virtual.tpotMs().mean(), within(0.15 * virtual.tpotMs().mean()));
    assertThat(live.ttftMs().mean()).isCloseTo(virtual.ttftMs().mean(), within(0.15 * virtual.ttftMs().mean()));
  }

  private static void print(String mode, RunResult r) {
    System.out.printf(Locale.ROOT, "%-7s TTFT mean %.2f p50 %.2f p99 %.2f ms, TPOT mean %.3f ms, E2E mean %.1f ms, n=%d, hit %.3f, routed %s, errors %d%n",
        mode, r.ttftMs().mean(), r.ttftMs().p50(), r.ttftMs().p99(), r.tpotMs().mean(), r.e2eMs().mean(), r.requests(),
        r.prefixHitRate(), Arrays.toString(r.routedPerReplica()), r.errors());
  }
}
