package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Picks the lowest-cost candidate, breaking ties uniformly at random so equal loads never herd. */
final class Ties {
  private Ties() {}

  static EndpointState minBy(List<EndpointState> candidates, ToDoubleFunction<EndpointState> cost,
                             RandomGenerator random) {
    EndpointState best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    int ties = 0;
    for (int i = 0, n = candidates.size(); i < n; i++) {
      EndpointState e = candidates.get(i);
      double c = cost.applyAsDouble(e);
      if (best == null || c < bestCost) {
        best = e;
        bestCost = c;
        ties = 1;
      } else if (c == bestCost && random.nextInt(++ties) == 0) {
        // Reservoir sampling: each of the k tied candidates ends up chosen with probability 1/k.
        best = e;
      }
    }
    return best;
  }
}
