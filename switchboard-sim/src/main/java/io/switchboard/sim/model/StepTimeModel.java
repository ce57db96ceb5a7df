package io.switchboard.sim.model;

/**
 * Duration of one engine step from what it computes: a roofline (compute-bound linear layers versus
 * weight streaming) plus attention terms and fixed CPU costs, with efficiencies fitted to measured vLLM
 * step times (see {@code docs/simulator-model.md}, which also lists test vectors):
 * <pre>
 * t_lin   = max(2 * P_lin * N_tok / (peak * mfu_lin), W_bytes / (BW * eff_w))
 * t_pfatt = sum over prefill chunks of 4 * d * L * n * (p + n/2) / (peak * mfu_attn)
 * t_dcatt = sum over decodes of ctx * kv_bytes_per_token / (BW * eff_kv)
 * step    = t_step + t_seq * n_seqs + t_lin + t_pfatt + t_dcatt
 * </pre>
 * The engine passes the sums, so a step costs O(1) here. Immutable and thread-safe.
 */
public final class StepTimeModel {
  private final GpuProfile profile;
  private final double secondsPerLinearToken;
  private final double weightSeconds;
  private final double secondsPerAttentionPair;
  private final double secondsPerContextToken;
  private final double stepSeconds;
  private final double seqSeconds;

  public StepTimeModel(GpuProfile profile) {
    this.profile = profile;
    ModelSpec m = profile.model();
    Calibration c = profile.calibration();
    secondsPerLinearToken = 2 * m.linearParams() / (profile.peakFlops() * c.mfuLinear());
    weightSeconds = m.weightBytes() / (profile.hbmBytesPerSecond() * c.effWeights());
    secondsPerAttentionPair = 4.0 * m.hiddenSize() * m.layers() / (profile.peakFlops() * c.mfuAttention());
    secondsPerContextToken = m.kvBytesPerToken() / (profile.hbmBytesPerSecond() * c.effKv());
    stepSeconds = c.stepOverheadSeconds();
    seqSeconds = c.perSeqOverheadSeconds();
  }

  /**
   * One step's duration in seconds.
   *
   * @param seqs                 sequences scheduled (decodes plus prefill chunks)
   * @param tokens               tokens computed ({@code N_tok})
   * @param prefillPairs         sum over prefill chunks of {@code n * (p + n / 2)}, see {@link #prefillPairs}
   * @param decodeContextTokens  sum over decodes of their context length
   */
  public double stepSeconds(int seqs, long tokens, double prefillPairs, long decodeContextTokens) {
    double linear = Math.max(secondsPerLinearToken * tokens, weightSeconds);
    return stepSeconds + seqSeconds * seqs + linear + secondsPerAttentionPair * prefillPairs
        + secondsPerContextToken * decodeContextTokens;
  }

  /** The attention work of a prefill chunk of {@code n} tokens on top of {@code p} tokens already in KV. */
  public static double prefillPairs(long p, long n) {
    return n * (p + n / 2.0);
  }

  /** A step that decodes {@code batch} requests, each with {@code context} tokens of context. */
  public double decodeStepSeconds(int batch, long context) {
    return stepSeconds(batch, batch, 0, batch * context);
  }

  /** A prompt prefilled alone, one step per chunk of {@code max_num_batched_tokens}. */
  public double prefillAloneSeconds(long promptTokens) {
    double total = 0;
    for (long done = 0; done < promptTokens; ) {
      long n = Math.min(profile.maxNumBatchedTokens(), promptTokens - done);
      total += stepSeconds(1, n, prefillPairs(done, n), 0);
      done += n;
    }
    return total;
  }

  /** Converts a duration to whole nanoseconds, at least 1 so virtual time always advances. */
  public static long toNanos(double seconds) {
    return Math.max(1, Math.round(seconds * 1e9));
  }

  public GpuProfile profile() {
    return profile;
  }
}
