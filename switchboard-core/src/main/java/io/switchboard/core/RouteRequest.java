package io.switchboard.core;

import io.switchboard.core.prefix.BlockHashes;

/**
 * What the router knows about one request when it picks an endpoint. Built by the gateway from a cheap
 * peek at the body, and by the replay from the workload.
 *
 * @param model             the client-facing model name
 * @param promptTokens      estimated prompt tokens
 * @param maxOutputTokens   expected output tokens ({@code max_tokens}, or a group default)
 * @param affinityKey       a hash of the session or prefix key for affinity strategies; 0 when none
 * @param priority          admission priority, higher first; 0 is the default class
 * @param blockHashes       chained hashes of the prompt's blocks for prefix-aware strategies;
 *                          {@link BlockHashes#NONE} when not computed (null is taken as NONE)
 */
public record RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority,
                           BlockHashes blockHashes) {

  public RouteRequest {
    if (blockHashes == null) blockHashes = BlockHashes.NONE;
  }

  /** A request without prompt hashes, as before prefix routing existed. */
  public RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority) {
    this(model, promptTokens, maxOutputTokens, affinityKey, priority, BlockHashes.NONE);
  }

  public static RouteRequest of(String model, int promptTokens, int maxOutputTokens) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, 0L, 0);
  }

  /** This request carrying the given prompt hashes. */
  public RouteRequest withBlockHashes(BlockHashes hashes) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, affinityKey, priority, hashes);
  }

  /** Tokens this request will put on an endpoint: prompt to prefill plus output to decode. */
  public long expectedTokens() { return (long) promptTokens + maxOutputTokens; }
}
