package io.switchboard.sim.model;

/**
 * Efficiencies and fixed costs fitted so the roofline matches measured vLLM step times.
 *
 * @param mfuLinear          fraction of peak FLOPS the linear layers reach ({@code mfu_lin})
 * @param mfuAttention       fraction of peak FLOPS prefill attention reaches ({@code mfu_attn})
 * @param effWeights         fraction of HBM bandwidth when streaming weights ({@code eff_w})
 * @param effKv              fraction of HBM bandwidth when decode attention reads KV ({@code eff_kv})
 * @param stepOverheadSeconds fixed CPU cost of one scheduler step ({@code t_step})
 * @param perSeqOverheadSeconds cost per scheduled sequence ({@code t_seq})
 * @param apiOverheadSeconds  HTTP, tokenizer and detokenizer delay added to every reported token
 */
public record Calibration(double mfuLinear, double mfuAttention, double effWeights, double effKv,
                          double stepOverheadSeconds, double perSeqOverheadSeconds, double apiOverheadSeconds) {
  public Calibration {
    Checks.fraction("calibration.mfuLinear", mfuLinear);
    Checks.fraction("calibration.mfuAttention", mfuAttention);
    Checks.fraction("calibration.effWeights", effWeights);
    Checks.fraction("calibration.effKv", effKv);
    Checks.nonNegative("calibration.stepOverheadMs", stepOverheadSeconds);
    Checks.nonNegative("calibration.perSeqOverheadUs", perSeqOverheadSeconds);
    Checks.nonNegative("calibration.apiOverheadMs", apiOverheadSeconds);
  }
}
