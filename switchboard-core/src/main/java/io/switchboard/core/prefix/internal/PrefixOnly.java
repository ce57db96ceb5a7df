package io.switchboard.core.prefix.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.prefix.PrefixIndexes;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The endpoint believed to hold the longest prefix of the request's prompt, with no load guard; ties (and
 * requests without block hashes) are broken uniformly at random. Then the prompt is recorded in the chosen
 * endpoint's index. This is the baseline that shows hot-spotting: when every prompt shares one system
 * prompt, every request goes to the first endpoint that served it.
 */
public final class PrefixOnly implements LoadBalancer {
  private final PrefixIndexes indexes;
  private final RandomGenerator random;

  public PrefixOnly(PrefixIndexes indexes, RandomGenerator random) {
    this.indexes = indexes;
    this.random = random;
  }

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    EndpointState best = null;
    int bestMatch = -1;
    int ties = 0;
    for (int i = 0, n = candidates.size(); i < n; i++) {
      EndpointState e = candidates.get(i);
      int m = indexes.of(e).matchedBlocks(request.blockHashes());
      if (m > bestMatch) {
        best = e;
        bestMatch = m;
        ties = 1;
      } else if (m == bestMatch && random.nextInt(++ties) == 0) {
        best = e; // reservoir sampling: each of k tied endpoints is chosen with probability 1/k
      }
    }
    indexes.of(best).record(request.blockHashes());
    return best;
  }
}
