package io.switchboard.core.pipeline.internal;

/**
 * Predicted latency from each endpoint's online models ({@link Rls} over {@link Features} for TTFT: this request's
 * uncached tokens there and their attention work, the prefill queued ahead, requests prefilling and decoding; over
 * {@link TpotFeatures} for TPOT).
 *
 * <p>Without an objective the score is the cost ratio (10 ms unit) of the routing cost model
 * ({@code EndpointSignals.ttftCostModel}: the TTFT fit without the attention terms, which rank too greedily). With
 * objectives (TTFT,
 * TPOT or both) the score is the predicted headroom: per objective, an endpoint that meets it scores from 0.5
 * (just) to 1 (instantly), one that misses it below 0.5 (half at twice the objective); the score is the lowest over
 * the objectives the request set, so the endpoint whose worst objective has the most headroom wins and one that
 * meets every objective beats any that misses one.
 */
final class PredictedLatencyScorer implements Scorer {
  private final double unitMs;
  private final double relative;

  /**
   * @param unitMs   the cost-ratio unit: predictions this much apart, near 0, score about 1 and 1/2
   * @param relative when > 0, the unit grows to {@code relative} x the best prediction, so differences are
   *                 judged relative to the fastest candidate
   */
  PredictedLatencyScorer(double unitMs, double relative) {
    this.unitMs = unitMs;
    this.relative = relative;
  }

  @Override public String name() { return "ttft"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    long ttftObj = ctx.request.ttftObjectiveNanos();
    long tpotObj = ctx.request.tpotObjectiveNanos();
    if (ttftObj == 0 && tpotObj == 0) {
      double[] cost = new double[ctx.n];
      double min = Double.POSITIVE_INFINITY;
      for (int i = 0; i < ctx.n; i++) min = Math.min(min, cost[i] = ctx.costMs(i));
      Scorer.inverse(cost, ctx.n, Math.max(unitMs, relative * min), out);
      return;
    }
    for (int i = 0; i < ctx.n; i++) {
      double s = 1;
      if (ttftObj > 0) s = Math.min(s, headroom(ctx.predictedMs(i), ttftObj / 1e6));
      if (tpotObj > 0) s = Math.min(s, headroom(ctx.predictedTpotMs(i), tpotObj / 1e6));
      out[i] = s;
    }
  }

  /** 0.5..1 when {@code predicted <= objective} (1 at 0), below 0.5 when it misses. */
  static double headroom(double predicted, double objective) {
    return predicted <= objective ? 0.5 + 0.5 * (objective - predicted) / objective : 0.5 * objective / predicted;
  }
}
