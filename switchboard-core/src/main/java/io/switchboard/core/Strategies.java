package io.switchboard.core;

import io.switchboard.core.internal.ConsistentHash;
import io.switchboard.core.internal.LeastOutstanding;
import io.switchboard.core.internal.Named;
import io.switchboard.core.internal.PowerOfTwoChoices;
import io.switchboard.core.internal.RandomPick;
import io.switchboard.core.internal.RoundRobin;
import io.switchboard.core.internal.SmoothWeightedRoundRobin;
import io.switchboard.core.internal.VllmDpScore;
import io.switchboard.core.pipeline.Pipeline;
import io.switchboard.core.pipeline.PipelineSpec;
import io.switchboard.core.pipeline.Policies;
import io.switchboard.core.pipeline.Signals;
import io.switchboard.core.prefix.PrefixIndexes;
import java.util.ArrayList;
import io.switchboard.core.prefix.internal.PrefixOnly;
import java.util.List;
import java.util.random.RandomGenerator;

/** The named load-balancing strategies, as config and the replay command spell them. */
public final class Strategies {
  public static final String ROUND_ROBIN = "round-robin";
  public static final String WEIGHTED_ROUND_ROBIN = "weighted-round-robin";
  public static final String LEAST_OUTSTANDING = "least-outstanding";
  public static final String POWER_OF_TWO = "power-of-two";
  public static final String RANDOM = "random";
  public static final String VLLM_DP = "vllm-dp";
  public static final String CONSISTENT_HASH = "consistent-hash";
  /** Longest believed prefix match, no load guard: the baseline that shows hot-spotting. */
  public static final String PREFIX_ONLY = "prefix-only";

  /** The routing pipeline's default composition (see {@link Policies#SMART_SPEC}). */
  public static final String SMART = Policies.SMART;

  /** The classic strategies, before the pipeline. */
  public static final List<String> BASELINES = List.of(
      ROUND_ROBIN, WEIGHTED_ROUND_ROBIN, LEAST_OUTSTANDING, POWER_OF_TWO, RANDOM, VLLM_DP, CONSISTENT_HASH,
      PREFIX_ONLY);

  /**
   * Every name {@link #create} accepts, in documentation order: the baselines, {@code smart}, each pipeline
   * scorer alone and the weighted split. {@code pipeline/KEY=VALUE/...} is accepted too (see
   * {@link PipelineSpec#parse}).
   */
  public static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>(BASELINES);
    names.add(SMART);
    names.addAll(Policies.SINGLE);
    names.add(Policies.WEIGHTED_SPLIT);
    NAMES = List.copyOf(names);
  }

  private Strategies() {}

  /**
   * A fresh strategy instance (each model group gets its own cursor and weights).
   *
   * @param random the randomness behind tie-breaks and sampling; a seeded one makes routing reproducible
   * @throws IllegalArgumentException for a name not in {@link #NAMES}
   */
  public static LoadBalancer create(String name, RandomGenerator random) {
    return create(name, random, (PrefixIndexes) null);
  }

  /**
   * As {@link #create(String, RandomGenerator)}, with the per-endpoint prefix indexes that prefix-aware
   * strategies read and update (sized to each endpoint's KV capacity); null gives each such strategy its own
   * {@link PrefixIndexes#defaults()}.
   */
  public static LoadBalancer create(String name, RandomGenerator random, PrefixIndexes prefixes) {
    return create(name, random, new Signals(prefixes == null ? PrefixIndexes.defaults() : prefixes));
  }

  /**
   * As {@link #create(String, RandomGenerator)}, with the learned signals (prefix indexes, pending prefill,
   * latency models) that pipeline policies read and that prefix-only shares. Pipelines are
   * {@link io.switchboard.core.DecidingBalancer}s: route through {@link GroupRouter#route} to get receipts and
   * to report outcomes.
   */
  public static LoadBalancer create(String name, RandomGenerator random, Signals signals) {
    PipelineSpec spec = Policies.spec(name);
    if (spec != null) return Pipeline.create(spec, signals, random);
    PrefixIndexes prefixes = signals.prefixes();
    LoadBalancer plain = switch (name) {
      case ROUND_ROBIN -> new RoundRobin();
      case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedRoundRobin();
      case LEAST_OUTSTANDING -> new LeastOutstanding(random);
      case POWER_OF_TWO -> new PowerOfTwoChoices(random);
      case RANDOM -> new RandomPick(random);
      case VLLM_DP -> new VllmDpScore(random);
      case CONSISTENT_HASH -> new ConsistentHash(random);
      case PREFIX_ONLY -> new PrefixOnly(prefixes, random);
      default -> throw new IllegalArgumentException(
          "unknown strategy '" + name + "'; use one of " + String.join(", ", NAMES));
    };
    return new Named(name, plain);
  }
}
