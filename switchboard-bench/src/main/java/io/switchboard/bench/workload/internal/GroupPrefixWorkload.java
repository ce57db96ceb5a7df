package io.switchboard.bench.workload.internal;

import io.switchboard.bench.workload.Arrivals;
import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import java.util.SplittableRandom;

/**
 * Requests in {@code groups} groups: each prompt is its group's shared prefix (a system prompt or a shared
 * document, of a length drawn once per group) followed by a distinct suffix (the question). The group is
 * drawn uniformly per request, and the session key is the group's key, so consistent hashing keeps a group
 * on one replica. The shapes behind the {@code shared-prefix}, {@code b2b} and {@code one-system-prompt}
 * specs; see {@link io.switchboard.bench.workload.Workloads}.
 */
public final class GroupPrefixWorkload implements Workload {
  private final String spec;
  private final int groups;
  private final IntDist prefix;
  private final IntDist suffix;
  private final IntDist output;
  private final Arrivals arrivals;
  private final double rate;

  GroupPrefixWorkload(String spec, int groups, IntDist prefix, IntDist suffix, IntDist output, Arrivals arrivals,
                      double rate) {
    if (groups < 1) throw new IllegalArgumentException(spec + ": groups must be >= 1, was " + groups);
    this.spec = spec;
    this.groups = groups;
    this.prefix = prefix;
    this.suffix = suffix;
    this.output = output;
    this.arrivals = arrivals;
    this.rate = rate;
  }

  @Override public String spec() { return spec; }

  @Override public double nominalRate() { return rate; }

  @Override public int size() { return Integer.MAX_VALUE; }

  @Override
  public RequestStream open(long seed, double rateScale, int limit) {
    // Group prefix lengths depend on the seed only, never on how many requests came before.
    int[] prefixLength = new int[groups];
    var lengths = new SplittableRandom(Seeds.of(seed, 0x5052));
    for (int g = 0; g < groups; g++) prefixLength[g] = prefix.sample(lengths);
    return new SyntheticStream(seed, arrivals, rate * rateScale, limit, (id, at, random) -> {
      int g = random.nextInt(groups);
      PromptRecipe p = new PromptRecipe(
          new long[] {Seeds.of(seed, 1, g), Seeds.of(seed, 2, id)},
          new int[] {prefixLength[g], suffix.sample(random)});
      return new TraceRequest(id, at, p, output.sample(random), Seeds.key(seed, g));
    });
  }
}
