package io.switchboard.bench.replay;

/**
 * How one replay runs.
 *
 * @param replicas            number of engine replicas
 * @param policy              a {@link io.switchboard.core.Strategies} name
 * @param seed                drives the workload and every random choice of the policy
 * @param scrapeIntervalNanos how often engine metrics are sampled into the router; 0 = fresh at every decision
 * @param warmupFraction      leading share of requests (by arrival) left out of the metrics, e.g. 0.1
 * @param slo                 the goodput objectives
 * @param prefixBlockSize     tokens per block the router hashes prompts in
 * @param timelineBuckets     at most this many time buckets in the requests-per-replica timeline
 * @param receipts            routing receipts to keep per run ({@link RunResult#receipts()}): a deterministic sample
 *                            of measured requests, evenly spaced by arrival; 0 = none (no receipt is built)
 * @param learnedOutputs      the router is told each request's expected output as a gateway knows it (the mean
 *                            answer length learned from earlier completions, {@link io.switchboard.core.TokenEstimator})
 *                            instead of its true length; false hands it the true length, as a benchmark client that
 *                            sets {@code max_tokens} to it with {@code ignore_eos} does
 */
public record ReplayConfig(int replicas, String policy, long seed, long scrapeIntervalNanos, double warmupFraction,
                           Slo slo, int prefixBlockSize, int timelineBuckets, int receipts,
                           boolean learnedOutputs) {
  public static final long DEFAULT_SCRAPE_NANOS = 50_000_000L;
  public static final int DEFAULT_PREFIX_BLOCK = 64;

  public ReplayConfig {
    if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    if (scrapeIntervalNanos < 0) throw new IllegalArgumentException("scrape interval must be >= 0, was " + scrapeIntervalNanos);
    if (warmupFraction < 0 || warmupFraction >= 1) throw new IllegalArgumentException("warm-up fraction must be in [0, 1), was " + warmupFraction);
    if (prefixBlockSize < 1) throw new IllegalArgumentException("prefix block size must be >= 1, was " + prefixBlockSize);
    if (timelineBuckets < 2) throw new IllegalArgumentException("timeline buckets must be >= 2, was " + timelineBuckets);
    if (receipts < 0) throw new IllegalArgumentException("receipts must be >= 0, was " + receipts);
  }

  /** A replay that keeps no receipts. */
  public ReplayConfig(int replicas, String policy, long seed, long scrapeIntervalNanos, double warmupFraction, Slo slo,
                      int prefixBlockSize, int timelineBuckets) {
    this(replicas, policy, seed, scrapeIntervalNanos, warmupFraction, slo, prefixBlockSize, timelineBuckets, 0, false);
  }

  /** A replay that hands the router true output lengths. */
  public ReplayConfig(int replicas, String policy, long seed, long scrapeIntervalNanos, double warmupFraction, Slo slo,
                      int prefixBlockSize, int timelineBuckets, int receipts) {
    this(replicas, policy, seed, scrapeIntervalNanos, warmupFraction, slo, prefixBlockSize, timelineBuckets, receipts,
        false);
  }

  /** Defaults: 50 ms scrapes, 10% warm-up, 64-token prefix blocks, 120 timeline buckets. */
  public static ReplayConfig of(int replicas, String policy, long seed, Slo slo) {
    return new ReplayConfig(replicas, policy, seed, DEFAULT_SCRAPE_NANOS, 0.1, slo, DEFAULT_PREFIX_BLOCK, 120);
  }

  public ReplayConfig withPolicy(String p) {
    return new ReplayConfig(replicas, p, seed, scrapeIntervalNanos, warmupFraction, slo, prefixBlockSize, timelineBuckets, receipts, learnedOutputs);
  }

  public ReplayConfig withSeed(long s) {
    return new ReplayConfig(replicas, policy, s, scrapeIntervalNanos, warmupFraction, slo, prefixBlockSize, timelineBuckets, receipts, learnedOutputs);
  }

  public ReplayConfig withSlo(Slo s) {
    return new ReplayConfig(replicas, policy, seed, scrapeIntervalNanos, warmupFraction, s, prefixBlockSize, timelineBuckets, receipts, learnedOutputs);
  }

  public ReplayConfig withReceipts(int n) {
    return new ReplayConfig(replicas, policy, seed, scrapeIntervalNanos, warmupFraction, slo, prefixBlockSize, timelineBuckets, n, learnedOutputs);
  }

  public ReplayConfig withLearnedOutputs(boolean learned) {
    return new ReplayConfig(replicas, policy, seed, scrapeIntervalNanos, warmupFraction, slo, prefixBlockSize, timelineBuckets,
        receipts, learned);
  }

  public ReplayConfig withScrapeInterval(long nanos) {
    return new ReplayConfig(replicas, policy, seed, nanos, warmupFraction, slo, prefixBlockSize, timelineBuckets, receipts, learnedOutputs);
  }
}
