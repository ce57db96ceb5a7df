package io.switchboard.core.pipeline.internal;

/** Rates every candidate of a decision from 0 (worst) to 1 (best). Stateless or thread-safe. */
public interface Scorer {
  String name();

  /** Writes candidate {@code i}'s score into {@code out[i]} for {@code i < ctx.n}. */
  void score(Ctx ctx, double[] out);

  /**
   * Costs to scores as {@code (min + unit) / (cost + unit)}: the cheapest gets 1, one costing {@code unit} more
   * than it gets about a half when the minimum is small, and ratios keep their meaning across decisions.
   */
  static void inverse(double[] cost, int n, double unit, double[] out) {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) min = Math.min(min, cost[i]);
    for (int i = 0; i < n; i++) out[i] = (min + unit) / (cost[i] + unit);
  }
}
