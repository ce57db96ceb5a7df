package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Consistent hashing (Karger et al., STOC'97) of the request's affinity key (session or prefix hash) onto
 * a ring of virtual nodes, so one key keeps landing on one endpoint and a membership change moves only
 * its share of keys. Requests without a key go to the least-loaded candidate.
 *
 * <p>The ring for the last candidate set is cached as an immutable value; it is rebuilt only when the set
 * of candidates changes (an endpoint fills up or frees up).
 */
public final class ConsistentHash implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private static final int VIRTUAL_NODES = 160;
  private final RandomGenerator random;
  private volatile Ring ring = new Ring(List.of(), new long[0], new int[0]);

  public ConsistentHash(RandomGenerator random) { this.random = random; }

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    if (request.affinityKey() == 0) return Ties.minBy(candidates, EndpointState::outstanding, random);
    Ring r = ring;
    if (!r.members.equals(candidates)) {
      r = Ring.build(List.copyOf(candidates));
      ring = r;
    }
    return r.members.get(r.owner(Mix.mix64(request.affinityKey())));
  }

  private record Ring(List<EndpointState> members, long[] points, int[] owners) {
    static Ring build(List<EndpointState> members) {
      int n = members.size() * VIRTUAL_NODES;
      long[] keyed = new long[n];
      long[] points = new long[n];
      int[] owners = new int[n];
      // Sort points with their owner: pack (point, owner) pairs by sorting an index permutation.
      Integer[] order = new Integer[n];
      for (int m = 0, k = 0; m < members.size(); m++) {
        long base = Mix.hashString(members.get(m).id());
        for (int v = 0; v < VIRTUAL_NODES; v++, k++) {
          keyed[k] = Mix.mix64(base + v * 0x9E3779B97F4A7C15L);
          order[k] = k;
        }
      }
      Arrays.sort(order, (a, b) -> Long.compare(keyed[a], keyed[b]));
      for (int i = 0; i < n; i++) {
        points[i] = keyed[order[i]];
        owners[i] = order[i] / VIRTUAL_NODES;
      }
      return new Ring(members, points, owners);
    }

    int owner(long hash) {
      int i = Arrays.binarySearch(points, hash);
      if (i < 0) i = -i - 1;
      return owners[i == points.length ? 0 : i];
    }
  }
}
