package io.switchboard.core.pipeline.internal;

/**
 * Predicted TTFT from each endpoint's online model ({@link Rls} over {@link Features}: this request's uncached
 * tokens there, the prefill queued ahead, requests prefilling and decoding). Without an objective the score is
 * the cost ratio with a 10 ms unit. With a TTFT objective the score is the predicted headroom: endpoints that
 * meet it score from 0.5 (just) to 1 (instantly), endpoints that miss it below 0.5, so the best headroom wins.
 */
final class PredictedLatencyScorer implements Scorer {
  @Override public String name() { return "ttft"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    long objNanos = ctx.request.ttftObjectiveNanos();
    if (objNanos == 0) {
      double[] cost = new double[ctx.n];
      for (int i = 0; i < ctx.n; i++) cost[i] = ctx.predictedMs(i);
      Scorer.inverse(cost, ctx.n, 10, out);
      return;
    }
    double obj = objNanos / 1e6;
    for (int i = 0; i < ctx.n; i++) {
      double p = ctx.predictedMs(i);
      out[i] = p <= obj ? 0.5 + 0.5 * (obj - p) / obj : 0.5 * obj / p;
    }
  }
}
