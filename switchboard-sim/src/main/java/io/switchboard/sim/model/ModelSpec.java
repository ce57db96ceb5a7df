package io.switchboard.sim.model;

/**
 * The served model's shape, as the step-time and memory formulas need it.
 *
 * @param name           e.g. {@code llama-3.1-8b}
 * @param layers         transformer layers ({@code L})
 * @param hiddenSize     model dimension ({@code d})
 * @param kvBytesPerToken KV cache bytes per token over all layers (128 KiB for Llama-3.1-8B in BF16)
 * @param linearParams   parameters touched by the linear layers per token ({@code P_lin}); 2 FLOPs each
 * @param weightBytes    bytes read from HBM once per step ({@code W_bytes})
 * @param weightsGiB     GPU memory the weights take, as vLLM reports it (for the KV capacity formula)
 */
public record ModelSpec(String name, int layers, int hiddenSize, long kvBytesPerToken, double linearParams,
                        double weightBytes, double weightsGiB) {
  public ModelSpec {
    Checks.name("model.name", name);
    Checks.positive("model.layers", layers);
    Checks.positive("model.hiddenSize", hiddenSize);
    Checks.positive("model.kvBytesPerToken", kvBytesPerToken);
    Checks.positive("model.linearParams", linearParams);
    Checks.positive("model.weightBytes", weightBytes);
    Checks.positive("model.weightsGiB", weightsGiB);
  }
}
