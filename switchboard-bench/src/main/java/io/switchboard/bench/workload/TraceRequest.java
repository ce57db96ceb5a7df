package io.switchboard.bench.workload;

/**
 * One request of a workload.
 *
 * @param id           position in the workload, from 0
 * @param arrivalNanos when it is sent, from the start of the workload (already time-scaled)
 * @param prompt       how to produce its prompt tokens
 * @param outputTokens exactly how many tokens the engine generates (as with {@code ignore_eos})
 * @param sessionKey   the session or shared-prefix key for affinity routing, never 0 when present; 0 when none
 * @param answer       the tokens the engine generates, when a later request repeats them (a conversation's next
 *                     turn), so the engine can cache them by content; null when nothing repeats them
 */
public record TraceRequest(long id, long arrivalNanos, PromptRecipe prompt, int outputTokens, long sessionKey,
                           PromptRecipe answer) {
  public TraceRequest {
    if (outputTokens < 1) throw new IllegalArgumentException("outputTokens must be >= 1, was " + outputTokens);
    if (arrivalNanos < 0) throw new IllegalArgumentException("arrivalNanos must be >= 0, was " + arrivalNanos);
    if (answer != null && answer.length() != outputTokens) {
      throw new IllegalArgumentException("answer has " + answer.length() + " tokens, output " + outputTokens);
    }
  }

  /** A request whose answer nothing repeats. */
  public TraceRequest(long id, long arrivalNanos, PromptRecipe prompt, int outputTokens, long sessionKey) {
    this(id, arrivalNanos, prompt, outputTokens, sessionKey, null);
  }

  public int promptTokens() { return prompt.length(); }
}
