package io.switchboard.sim;

/** What an engine tells about one request, in time order. Times are the engine clock's nanoseconds. */
public interface TokenListener {

  /** {@code count} new output tokens became available at {@code atNanos}; the first call is the first token. */
  void onTokens(long requestId, int count, long atNanos);

  /** The request finished (all output produced, or cancelled). */
  void onFinished(long requestId, Completion completion, long atNanos);

  /**
   * How a request ended and what it cost.
   *
   * @param cachedPromptTokens prompt tokens served from the prefix cache on first admission
   * @param outputTokens       tokens reported to the listener (fewer than asked if cancelled)
   * @param firstTokenNanos    when the first token was reported, or -1 if none was
   * @param preemptions        times the request was preempted and recomputed
   */
  record Completion(int promptTokens, int cachedPromptTokens, int outputTokens, boolean cancelled,
                    long firstTokenNanos, int preemptions) {}
}
