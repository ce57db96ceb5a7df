package io.switchboard.sim;

/**
 * A request as the engine sees it: token ids of the prompt (equal prefixes share KV blocks) and the exact
 * number of tokens to generate (the engine behaves as with {@code ignore_eos}).
 *
 * <p>{@code outputTokenIds}, when given, are the ids of the tokens it will generate (at least
 * {@code outputTokens} of them): the blocks holding them are then hashed by content like prompt blocks, so a
 * later prompt that repeats this answer (the next turn of a conversation) hits them in the prefix cache. When
 * null, generated blocks get hashes unique to the request, as before.
 */
public record SimRequest(long id, int[] promptTokens, int outputTokens, TokenListener listener, int[] outputTokenIds) {
  public SimRequest {
    if (promptTokens.length == 0) throw new IllegalArgumentException("prompt must have at least one token");
    if (outputTokens < 1) throw new IllegalArgumentException("outputTokens must be >= 1, was " + outputTokens);
    if (outputTokenIds != null && outputTokenIds.length < outputTokens) {
      throw new IllegalArgumentException(outputTokenIds.length + " output token ids for " + outputTokens + " output tokens");
    }
  }

  /** A request whose generated tokens are unknown (their blocks are unique to it). */
  public SimRequest(long id, int[] promptTokens, int outputTokens, TokenListener listener) {
    this(id, promptTokens, outputTokens, listener, null);
  }
}
