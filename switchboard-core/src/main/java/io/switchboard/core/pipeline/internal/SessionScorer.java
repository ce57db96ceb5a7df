package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.internal.Mix;
import java.util.Arrays;
import java.util.List;

/**
 * Session affinity by consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam, "Consistent
 * Hashing with Bounded Loads", SODA 2018): the session key hashes to a point on a ring of virtual nodes and
 * the request belongs to the first endpoint clockwise whose load is below the cap
 * {@code ceil((1 + slack) x (outstanding + 1) / n)}. That endpoint scores 1, the rest 0; requests without a
 * key score 0 everywhere and leave the choice to the other scorers. A conversation thus returns to the replica
 * holding its KV cache unless that replica is overloaded, and then moves to the same next one each time.
 *
 * <p>The ring for the last candidate set is an immutable value, rebuilt only when the set changes.
 */
final class SessionScorer implements Scorer {
  private static final int VIRTUAL_NODES = 100;
  private final double slack;
  private volatile Ring ring = new Ring(List.of(), new long[0], new int[0]);

  SessionScorer(double slack) { this.slack = slack; }

  @Override public String name() { return "session"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    Arrays.fill(out, 0, ctx.n, 0);
    long key = ctx.request.affinityKey();
    if (key == 0) return;
    Ring r = ring;
    if (!r.members.equals(ctx.candidates)) ring = r = Ring.build(List.copyOf(ctx.candidates));
    long cap = ctx.loadCap(slack);
    int start = r.position(Mix.mix64(key));
    int len = r.points.length;
    for (int k = 0; k < len; k++) {
      int owner = r.owners[(start + k) % len];
      if (r.members.get(owner).outstanding() + 1 <= cap) {
        out[owner] = 1;
        return;
      }
    }
  }

  private record Ring(List<EndpointState> members, long[] points, int[] owners) {
    static Ring build(List<EndpointState> members) {
      int n = members.size() * VIRTUAL_NODES;
      long[] points = new long[n];
      int[] owners = new int[n];
      long[][] pairs = new long[n][];
      for (int m = 0, k = 0; m < members.size(); m++) {
        long base = Mix.hashString(members.get(m).id());
        for (int v = 0; v < VIRTUAL_NODES; v++, k++) pairs[k] = new long[] {Mix.mix64(base + v * 0x9E3779B97F4A7C15L), m};
      }
      Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
      for (int i = 0; i < n; i++) {
        points[i] = pairs[i][0];
        owners[i] = (int) pairs[i][1];
      }
      return new Ring(members, points, owners);
    }

    int position(long hash) {
      int i = Arrays.binarySearch(points, hash);
      if (i < 0) i = -i - 1;
      return i == points.length ? 0 : i;
    }
  }
}
