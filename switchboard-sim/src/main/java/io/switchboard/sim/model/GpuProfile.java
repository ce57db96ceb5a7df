package io.switchboard.sim.model;

/**
 * One replica's hardware, scheduler limits and served model: everything the engine model needs.
 *
 * <p>Built-in profiles ({@code h100}, {@code a100-80}, {@code a100-40}) come from {@link GpuProfiles}; tests
 * and users can build their own, e.g. a tiny KV pool to force preemption:
 * {@code GpuProfiles.builtIn().get("h100").withKvBlocks(8)}.
 *
 * @param name                name used on the command line and in configs, e.g. {@code h100}
 * @param description         human-readable card name
 * @param peakFlops           dense BF16 peak, FLOP/s
 * @param hbmBytesPerSecond   HBM bandwidth, bytes/s
 * @param kvBlocks            KV pool size {@code B}, in blocks of {@link #BLOCK_SIZE} tokens
 * @param maxNumSeqs          vLLM {@code max_num_seqs}: most requests running at once
 * @param maxNumBatchedTokens vLLM {@code max_num_batched_tokens}: token budget of one step
 * @param model               the served model
 * @param calibration         fitted efficiencies and overheads
 */
public record GpuProfile(String name, String description, double peakFlops, double hbmBytesPerSecond, int kvBlocks,
                         int maxNumSeqs, int maxNumBatchedTokens, ModelSpec model, Calibration calibration) {

  /** Tokens per KV block, as vLLM's default {@code block_size}. */
  public static final int BLOCK_SIZE = 16;

  private static final double GIB = 1L << 30;

  public GpuProfile {
    Checks.name("name", name);
    if (description == null) description = name;
    Checks.positive("peakTflops", peakFlops);
    Checks.positive("hbmTBps", hbmBytesPerSecond);
    Checks.positive("kvBlocks", kvBlocks);
    Checks.positive("maxNumSeqs", maxNumSeqs);
    Checks.positive("maxNumBatchedTokens", maxNumBatchedTokens);
    if (model == null) throw new IllegalArgumentException("model must be set");
    if (calibration == null) throw new IllegalArgumentException("calibration must be set");
  }

  /**
   * KV blocks left after vLLM's memory profiling:
   * {@code free = utilization x visible - weights - activations - other; tokens = free / kvBytesPerToken}.
   * For an 80 GB card (79.2 GiB visible, utilization 0.9, 1.72 GiB activations, 0.35 GiB other) and
   * Llama-3.1-8B this gives 444,170 tokens = 27,760 blocks.
   */
  public static int kvBlocksFor(double visibleGiB, double utilization, double activationGiB, double otherGiB,
                                ModelSpec model) {
    double freeBytes = (utilization * visibleGiB - model.weightsGiB() - activationGiB - otherGiB) * GIB;
    long tokens = (long) Math.floor(freeBytes / model.kvBytesPerToken());
    if (tokens < BLOCK_SIZE) {
      throw new IllegalArgumentException("memory leaves no room for the KV cache: %.2f GiB free"
          .formatted(freeBytes / GIB));
    }
    return Math.toIntExact(tokens / BLOCK_SIZE);
  }

  /** Tokens the KV pool holds. */
  public long kvCapacityTokens() {
    return (long) kvBlocks * BLOCK_SIZE;
  }

  /** This profile with a different KV pool size. */
  public GpuProfile withKvBlocks(int blocks) {
    return new GpuProfile(name, description, peakFlops, hbmBytesPerSecond, blocks, maxNumSeqs, maxNumBatchedTokens,
        model, calibration);
  }

  /** This profile with different scheduler limits. */
  public GpuProfile withLimits(int seqs, int batchedTokens) {
    return new GpuProfile(name, description, peakFlops, hbmBytesPerSecond, kvBlocks, seqs, batchedTokens, model,
        calibration);
  }
}
