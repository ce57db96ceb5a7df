package io.switchboard.sim;

/**
 * A request as the engine sees it: token ids of the prompt (equal prefixes share KV blocks) and the exact
 * number of tokens to generate (the engine behaves as with {@code ignore_eos}).
 */
public record SimRequest(long id, int[] promptTokens, int outputTokens, TokenListener listener) {
  public SimRequest {
    if (promptTokens.length == 0) throw new IllegalArgumentException("prompt must have at least one token");
    if (outputTokens < 1) throw new IllegalArgumentException("outputTokens must be >= 1, was " + outputTokens);
  }
}
