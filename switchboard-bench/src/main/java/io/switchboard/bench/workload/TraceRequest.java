package io.switchboard.bench.workload;

/**
 * One request of a workload.
 *
 * @param id           position in the workload, from 0
 * @param arrivalNanos when it is sent, from the start of the workload (already time-scaled)
 * @param prompt       how to produce its prompt tokens
 * @param outputTokens exactly how many tokens the engine generates (as with {@code ignore_eos})
 * @param sessionKey   the session or shared-prefix key for affinity routing, never 0 when present; 0 when none
 */
public record TraceRequest(long id, long arrivalNanos, PromptRecipe prompt, int outputTokens, long sessionKey) {
  public TraceRequest {
    if (outputTokens < 1) throw new IllegalArgumentException("outputTokens must be >= 1, was " + outputTokens);
    if (arrivalNanos < 0) throw new IllegalArgumentException("arrivalNanos must be >= 0, was " + arrivalNanos);
  }

  public int promptTokens() { return prompt.length(); }
}
