package io.switchboard.core.pipeline.internal;

import io.switchboard.core.RoutingReceipt.Reason;
import io.switchboard.core.internal.Mix;
import java.util.List;
import java.util.random.RandomGenerator;

/** The pickers by name. */
public final class Pickers {
  public static final List<String> NAMES = List.of("max", "softmax", "weighted");

  private Pickers() {}

  public static Picker create(String name, Params p) {
    return switch (name) {
      case "max" -> new Max(p.number("epsilon", 0));
      case "softmax" -> new Softmax(Math.max(1e-6, p.number("temperature", 0.05)));
      case "weighted" -> new Weighted(p.flag("sticky"));
      default -> throw new IllegalArgumentException("unknown picker '" + name + "'; use one of " + String.join(", ", NAMES));
    };
  }

  /**
   * The highest total; equal totals are broken uniformly at random (reservoir sampling), so equal scores
   * never send a burst to the first endpoint listed. With probability {@code epsilon} a uniformly random
   * other candidate is taken instead, so an endpoint whose scores went stale still gets traffic and recovers.
   */
  record Max(double epsilon) implements Picker {
    @Override
    public Pick pick(double[] totals, Ctx ctx, RandomGenerator random) {
      int n = ctx.n;
      if (n == 1) return new Pick(0, Reason.ONLY_CANDIDATE);
      int best = 0, ties = 1;
      for (int i = 1; i < n; i++) {
        if (totals[i] > totals[best]) {
          best = i;
          ties = 1;
        } else if (totals[i] == totals[best] && random.nextInt(++ties) == 0) {
          best = i;
        }
      }
      if (epsilon > 0 && random.nextDouble() < epsilon) {
        int other = random.nextInt(n - 1);
        return new Pick(other >= best ? other + 1 : other, Reason.EXPLORED);
      }
      return new Pick(best, ties > 1 ? Reason.TIE_BREAK : Reason.BEST_SCORE);
    }
  }

  /** Samples candidate {@code i} with probability proportional to {@code exp((total_i - max) / temperature)}. */
  record Softmax(double temperature) implements Picker {
    @Override
    public Pick pick(double[] totals, Ctx ctx, RandomGenerator random) {
      int n = ctx.n;
      if (n == 1) return new Pick(0, Reason.ONLY_CANDIDATE);
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) max = Math.max(max, totals[i]);
      double[] w = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) sum += w[i] = Math.exp((totals[i] - max) / temperature);
      return new Pick(sample(w, sum, random.nextDouble()), Reason.SAMPLED);
    }
  }

  /**
   * Weighted split (canary, A/B): candidate {@code i} is taken with probability proportional to its total score
   * times its configured weight; with no scorers every total is 1, so weights 9 and 1 split traffic 90/10. With
   * {@code sticky}, a request's affinity key replaces the random draw, so one user stays on one side of the split
   * while the candidate set is unchanged.
   */
  record Weighted(boolean sticky) implements Picker {
    @Override
    public Pick pick(double[] totals, Ctx ctx, RandomGenerator random) {
      int n = ctx.n;
      if (n == 1) return new Pick(0, Reason.ONLY_CANDIDATE);
      double[] w = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) sum += w[i] = Math.max(0, totals[i]) * ctx.endpoint(i).limits().weight();
      if (!(sum > 0)) {
        for (int i = 0; i < n; i++) w[i] = 1;
        sum = n;
      }
      long key = ctx.request.affinityKey();
      double u = sticky && key != 0 ? (Mix.mix64(key) >>> 11) * 0x1.0p-53 : random.nextDouble();
      return new Pick(sample(w, sum, u), Reason.SAMPLED);
    }
  }

  private static int sample(double[] w, double sum, double u) {
    double target = u * sum;
    for (int i = 0; i < w.length; i++) {
      target -= w[i];
      if (target < 0) return i;
    }
    return w.length - 1;
  }
}
