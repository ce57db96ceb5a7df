package io.switchboard.core.pipeline.internal;

/** Fewer requests in flight from this router is better (least-outstanding as a scorer). */
final class OutstandingScorer implements Scorer {
  @Override public String name() { return "outstanding"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    double[] cost = new double[ctx.n];
    for (int i = 0; i < ctx.n; i++) cost[i] = ctx.endpoint(i).outstanding();
    Scorer.inverse(cost, ctx.n, 1, out);
  }
}
