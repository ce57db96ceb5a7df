package io.switchboard.bench.replay;

import io.switchboard.bench.replay.internal.EventLoop;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import io.switchboard.core.prefix.BlockHashes;
import io.switchboard.core.prefix.CacheReplayBound;

/** Entry points of the virtual-time replay. */
public final class Replay {
  /** The engine's KV block size: the hit-rate bound counts hits in these blocks, as the engine does. */
  public static final int ENGINE_BLOCK = 16;
  /** The bound's load guard: a replica may take 1.2x the mean number of prompts. */
  public static final double BOUND_SLACK = 0.2;

  private Replay() {}

  /**
   * Runs {@code requests} requests of {@code workload} (fewer if a trace is shorter) at {@code rateScale}
   * times its nominal rate through {@code config.policy()} onto {@code config.replicas()} fresh engines.
   */
  public static RunResult run(Workload workload, double rateScale, int requests, ReplayConfig config,
                              EngineFactory factory) {
    return new EventLoop(workload, rateScale, requests, config, factory).run();
  }

  /**
   * The timing-free cache-replay bound on the prefix hit rate for {@code requests} requests of the workload
   * (see {@link CacheReplayBound}), at the engine's block size and each replica's KV capacity. The first
   * {@code warmupFraction} of requests warm the caches but are not counted, as in a replay run.
   *
   * <p>It bounds routers that keep the same balance (at most 1.2x the mean prompts per replica); a router with no
   * load guard, such as prefix-only, can exceed it by piling a hot prefix onto one replica.
   */
  public static double hitRateBound(Workload workload, int replicas, long kvCapacityTokens, int requests, long seed,
                                    double warmupFraction) {
    long warmup = (long) Math.floor(Math.min(requests, workload.size()) * warmupFraction);
    int blocks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, kvCapacityTokens / ENGINE_BLOCK));
    var bound = new CacheReplayBound(replicas, ENGINE_BLOCK, blocks, BOUND_SLACK);
    try (RequestStream stream = workload.open(seed, 1, requests)) {
      for (TraceRequest r; (r = stream.next()) != null; ) {
        int[] tokens = r.prompt().tokens();
        bound.offer(BlockHashes.ofTokens(tokens, ENGINE_BLOCK), tokens.length, r.id() >= warmup);
      }
    }
    return bound.hitRate();
  }
}
