package io.switchboard.core.pipeline.internal;

import io.switchboard.core.pipeline.EndpointSignals;

/**
 * Measured latency: each endpoint's expected time for this request from its moving averages,
 * {@code TTFT + TPOT x max output}. Every endpoint within {@code band} x the best (1.2 by default) scores 1, so
 * the fastest is not buried under all the traffic; slower ones score {@code band x best / theirs}. An endpoint
 * with no observation yet scores 1, so it gets tried.
 */
final class LatencyScorer implements Scorer {
  private final double band;

  LatencyScorer(double band) { this.band = Math.max(1, band); }

  @Override public String name() { return "latency"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    double[] cost = new double[ctx.n];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < ctx.n; i++) {
      EndpointSignals s = ctx.signals(i);
      double ttft = s.ttftMs(), tpot = s.tpotMs();
      cost[i] = Double.isNaN(ttft) ? Double.NaN : ttft + (Double.isNaN(tpot) ? 0 : tpot * ctx.request.maxOutputTokens());
      if (!Double.isNaN(cost[i])) best = Math.min(best, cost[i]);
    }
    for (int i = 0; i < ctx.n; i++) {
      double c = cost[i];
      out[i] = Double.isNaN(c) || c <= band * best ? 1 : band * best / c;
    }
  }
}
