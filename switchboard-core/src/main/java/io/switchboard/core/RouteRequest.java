package io.switchboard.core;

import io.switchboard.core.prefix.BlockHashes;

/**
 * What the router knows about one request when it picks an endpoint. Built by the gateway from a cheap
 * peek at the body, and by the replay from the workload.
 *
 * @param model             the client-facing model name
 * @param promptTokens      estimated prompt tokens
 * @param maxOutputTokens   expected output tokens (the gateway's estimate: at most {@code max_tokens}; the replay's
 *                          true length)
 * @param affinityKey       a hash of the session or prefix key for affinity strategies; 0 when none
 * @param priority          admission priority, higher first; 0 is the default class
 * @param blockHashes       chained hashes of the prompt's blocks for prefix-aware strategies;
 *                          {@link BlockHashes#NONE} when not computed (null is taken as NONE)
 * @param ttftObjectiveNanos the client's time-to-first-token objective; 0 when it set none
 * @param tpotObjectiveNanos the client's time-per-output-token objective; 0 when it set none
 * @param outputCap         the most output tokens the client allows ({@code max_tokens}); -1 when it set none
 */
public record RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority,
                           BlockHashes blockHashes, long ttftObjectiveNanos, long tpotObjectiveNanos, int outputCap) {

  public RouteRequest {
    if (blockHashes == null) blockHashes = BlockHashes.NONE;
    if (ttftObjectiveNanos < 0) throw new IllegalArgumentException("ttftObjectiveNanos must be >= 0, was " + ttftObjectiveNanos);
    if (tpotObjectiveNanos < 0) throw new IllegalArgumentException("tpotObjectiveNanos must be >= 0, was " + tpotObjectiveNanos);
    if (outputCap < -1) throw new IllegalArgumentException("outputCap must be >= -1, was " + outputCap);
  }

  /** A request without an output cap. */
  public RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority,
                      BlockHashes blockHashes, long ttftObjectiveNanos, long tpotObjectiveNanos) {
    this(model, promptTokens, maxOutputTokens, affinityKey, priority, blockHashes, ttftObjectiveNanos,
        tpotObjectiveNanos, -1);
  }

  /** A request with at most a TTFT objective (0 = none). */
  public RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority,
                      BlockHashes blockHashes, long ttftObjectiveNanos) {
    this(model, promptTokens, maxOutputTokens, affinityKey, priority, blockHashes, ttftObjectiveNanos, 0L);
  }

  /** A request without a latency objective. */
  public RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority,
                      BlockHashes blockHashes) {
    this(model, promptTokens, maxOutputTokens, affinityKey, priority, blockHashes, 0L);
  }

  /** A request without prompt hashes, as before prefix routing existed. */
  public RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority) {
    this(model, promptTokens, maxOutputTokens, affinityKey, priority, BlockHashes.NONE);
  }

  public static RouteRequest of(String model, int promptTokens, int maxOutputTokens) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, 0L, 0);
  }

  /** Whether the client set a TTFT or a TPOT objective. */
  public boolean hasObjective() { return ttftObjectiveNanos > 0 || tpotObjectiveNanos > 0; }

  /** This request carrying the given prompt hashes. */
  public RouteRequest withBlockHashes(BlockHashes hashes) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, affinityKey, priority, hashes, ttftObjectiveNanos,
        tpotObjectiveNanos, outputCap);
  }

  /** This request carrying a time-to-first-token objective (0 = none). */
  public RouteRequest withTtftObjective(long nanos) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, affinityKey, priority, blockHashes, nanos,
        tpotObjectiveNanos, outputCap);
  }

  /** This request carrying a time-per-output-token objective (0 = none). */
  public RouteRequest withTpotObjective(long nanos) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, affinityKey, priority, blockHashes, ttftObjectiveNanos,
        nanos, outputCap);
  }

  /** This request with the client's {@code max_tokens} ({@code -1}: none). */
  public RouteRequest withOutputCap(int cap) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, affinityKey, priority, blockHashes, ttftObjectiveNanos,
        tpotObjectiveNanos, cap);
  }

  /**
   * The affinity key for a session or user name: a well-mixed 64-bit hash, never 0 (0 means "no key"), the same
   * one the core's consistent-hash and session strategies use.
   */
  public static long affinityKeyOf(CharSequence key) {
    return io.switchboard.core.internal.Mix.hashString(key);
  }

  /** Tokens this request will put on an endpoint: prompt to prefill plus output to decode. */
  public long expectedTokens() { return (long) promptTokens + maxOutputTokens; }

  /**
   * Tokens the request may need at most: the prompt plus {@code max_tokens} when the client set it (an engine
   * refuses a request whose prompt and cap exceed its context window), else plus the expected output.
   */
  public long maxTokensNeeded() { return (long) promptTokens + Math.max(outputCap, maxOutputTokens); }
}
