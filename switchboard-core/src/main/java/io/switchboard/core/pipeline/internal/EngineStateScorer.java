package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.EngineSnapshot;

/**
 * The engine's own view from its last {@code /metrics} scrape, corrected by what the router did since: requests
 * sent after the scrape count as waiting, requests finished after it leave the running count. Cost
 * {@code 4 x waiting + running + kvWeight x max(0, kv - 0.8) / 0.2} (vLLM's data-parallel score plus a penalty
 * near a full KV cache, where preemptions start). Endpoints never scraped count their outstanding requests as
 * waiting.
 */
final class EngineStateScorer implements Scorer {
  private final double kvWeight;

  EngineStateScorer(double kvWeight) { this.kvWeight = kvWeight; }

  @Override public String name() { return "engine"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    double[] cost = new double[ctx.n];
    for (int i = 0; i < ctx.n; i++) cost[i] = cost(ctx.endpoint(i), kvWeight);
    Scorer.inverse(cost, ctx.n, 4, out);
  }

  static double cost(EndpointState e, double kvWeight) {
    EngineSnapshot s = e.engine();
    if (!s.known()) return 4.0 * e.outstanding();
    long done = s.completedSince(e);
    double running = Math.max(0, s.running() - done);
    double waiting = s.waiting() + s.sentSince(e);
    return 4 * waiting + running + kvWeight * Math.max(0, s.kvCacheUsage() - 0.8) / 0.2;
  }
}
