package io.switchboard.bench.live;

import io.switchboard.bench.live.internal.LiveRun;
import io.switchboard.bench.live.internal.LiveStack;
import io.switchboard.bench.replay.EngineFactory;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Sweep;
import io.switchboard.bench.replay.Slo;
import io.switchboard.bench.workload.Workload;
import io.switchboard.bench.workload.Workloads;
import io.switchboard.core.Strategies;
import io.switchboard.sim.FixedSpeedEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live counterpart of {@link io.switchboard.bench.replay.Replay#run}: the same workload, in real time, through
 * the real gateway onto simulated servers on 127.0.0.1, measured with the same definitions into the same
 * {@link RunResult}.
 *
 * <p>Each run starts its own stack: {@code config.replicas()} {@link io.switchboard.sim.server.SimServer}s, each
 * driving a fresh engine from {@code factory} in real time, and an in-process {@link io.switchboard.gateway.Gateway}
 * with one model group over them whose strategy is {@code config.policy()}. An open-loop client sends each request
 * at its (rate-scaled) arrival time as a streaming {@code /v1/completions} request with
 * {@code stream_options.include_usage}, and measures TTFT, TPOT, ITL and E2E from the stream. Requests per replica
 * come from the gateway's {@code x-switchboard-endpoint} header; prefix hit rate, preemptions and waiting queues
 * from the servers' engine counters (what their {@code /metrics} shows). Then the stack stops.
 *
 * <p>What differs from virtual time: the gateway routes with the signals it has today (its own in-flight counts,
 * the {@code user} field as affinity key, a body-size estimate of the prompt; no engine scrapes or prompt block
 * hashes), so policies that read engine state or prefixes fall back to what they do without them. And real time
 * is noisy: a run on a busy machine measures the machine too. It takes as long as the workload spans, so keep
 * request counts small.
 */
public final class LiveReplay {
  /** The report mode of live sweeps. */
  public static final String MODE = "live";
  private static final String WARMUP_SPEC = "shared-prefix:groups=4:system=64-128:question=16-32:output=48:rate=50";
  private static final int WARMUP_REQUESTS = 150;
  private static final int ENGINE_WARMUP_REQUESTS = 20;
  private static final AtomicBoolean WARMED = new AtomicBoolean();
  private static final AtomicBoolean ENGINE_WARMED = new AtomicBoolean();

  private LiveReplay() {}

  /**
   * Runs {@code requests} requests of {@code workload} at {@code rateScale} x its nominal rate, live. The first
   * live run in a JVM is preceded by {@link #warmUpJvm} and {@link #warmUpEngine}.
   */
  public static RunResult run(Workload workload, double rateScale, int requests, ReplayConfig config,
                              EngineFactory factory, LiveOptions options) {
    return runMeasured(workload, rateScale, requests, config, factory, options).run();
  }

  /** {@link #run}, with how punctual the client was (see {@link LiveResult}). */
  public static LiveResult runMeasured(Workload workload, double rateScale, int requests, ReplayConfig config,
                                       EngineFactory factory, LiveOptions options) {
    warmUp(workload, rateScale, config, factory, options);
    try (LiveStack stack = LiveStack.start(config, factory::create, options.timeout(), options.effectiveEventLoops())) {
      return LiveRun.run(stack, workload, rateScale, requests, config, options);
    }
  }

  /**
   * The warm-ups {@link #runMeasured} does before the first run of a JVM ({@link #warmUpJvm}, then
   * {@link #warmUpEngine} with this workload and engine), now; nothing when they were done. A caller that measures
   * the machine during a run calls it first, so that the measurement covers the run alone.
   */
  public static void warmUp(Workload workload, double rateScale, ReplayConfig config, EngineFactory factory,
                            LiveOptions options) {
    if (!WARMED.get()) warmUpJvm(options);
    if (!ENGINE_WARMED.getAndSet(true)) warmUpEngine(workload, rateScale, config, factory, options);
  }

  /**
   * Pushes ~7,000 token events through a throwaway stack of fast fixed-speed servers (1 ms to the first token,
   * then 1 ms a token) in about three seconds, so that the JIT has compiled the client's, the gateway's and the
   * servers' hot paths before anything is measured. Without it the first live run of a JVM runs interpreted code
   * and its latencies measure the warm-up, not the system (seconds of TTFT instead of tens of milliseconds).
   */
  static void warmUpJvm(LiveOptions options) {
    WARMED.set(true);
    Workload w = Workloads.parse(WARMUP_SPEC, Path.of("."));
    ReplayConfig c = ReplayConfig.of(2, Strategies.ROUND_ROBIN, 1, new Slo(1_000_000_000L, 1_000_000_000L));
    try (LiveStack stack = LiveStack.start(c, () -> FixedSpeedEngine.ofMillis(1, 1), Duration.ofSeconds(30),
        options.effectiveEventLoops())) {
      LiveRun.run(stack, w, 1, WARMUP_REQUESTS, c, options.withTimeout(Duration.ofSeconds(30)));
    }
  }

  /**
   * Once per JVM, runs the first {@value #ENGINE_WARMUP_REQUESTS} requests of the run's own workload on a throwaway stack of the
   * run's own engines. The fixed-speed warm-up leaves two paths cold that a measured run takes at every request:
   * the engine model (scheduler, KV cache, prefix hashing), which runs on the servers' event loops between their
   * I/O, and the parsing of full-size prompts in the gateway and the servers. Cold, they made the first measured
   * run of a JVM a few milliseconds slower per request than the next one.
   */
  static void warmUpEngine(Workload workload, double rateScale, ReplayConfig config, EngineFactory factory,
                           LiveOptions options) {
    int n = Math.min(ENGINE_WARMUP_REQUESTS, workload.size());
    try (LiveStack stack = LiveStack.start(config, factory::create, Duration.ofSeconds(30),
        options.effectiveEventLoops())) {
      LiveRun.run(stack, workload, rateScale, n, config, options.withTimeout(Duration.ofSeconds(30)));
    }
  }

  /** A sweep runner that runs every cell live. */
  public static Sweep.Runner runner(LiveOptions options) {
    return (workload, scale, requests, config, factory) -> run(workload, scale, requests, config, factory, options);
  }
}
