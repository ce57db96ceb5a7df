package io.switchboard.core;

/**
 * What the router knows about one request when it picks an endpoint. Built by the gateway from a cheap
 * peek at the body, and by the replay from the workload.
 *
 * @param model             the client-facing model name
 * @param promptTokens      estimated prompt tokens
 * @param maxOutputTokens   expected output tokens ({@code max_tokens}, or a group default)
 * @param affinityKey       a hash of the session or prefix key for affinity strategies; 0 when none
 * @param priority          admission priority, higher first; 0 is the default class
 */
public record RouteRequest(String model, int promptTokens, int maxOutputTokens, long affinityKey, int priority) {

  public static RouteRequest of(String model, int promptTokens, int maxOutputTokens) {
    return new RouteRequest(model, promptTokens, maxOutputTokens, 0L, 0);
  }

  /** Tokens this request will put on an endpoint: prompt to prefill plus output to decode. */
  public long expectedTokens() { return (long) promptTokens + maxOutputTokens; }
}
