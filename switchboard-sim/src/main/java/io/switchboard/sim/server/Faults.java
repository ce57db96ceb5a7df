package io.switchboard.sim.server;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One immutable snapshot of every fault a server injects, with their parameters and the provider-style
 * rate limits. A server holds one snapshot and swaps it whole ({@link FaultControl}).
 *
 * @param rules                when each fault hits; kinds absent from the map are off
 * @param retryAfterSeconds    value of {@code Retry-After} on {@link FaultKind#HTTP_429}
 * @param slowFirstTokenMillis extra delay of {@link FaultKind#SLOW_FIRST_TOKEN}
 * @param stallAfterTokens     tokens sent before {@link FaultKind#STALL} stops the stream (0 = headers only)
 * @param cutAfterTokens       tokens sent before {@link FaultKind#CUT_STREAM} closes the connection
 * @param malformedAfterTokens tokens sent before {@link FaultKind#MALFORMED_EVENT} sends its broken event
 * @param rpm                  requests per minute before 429, 0 = unlimited
 * @param tpm                  tokens (prompt + max output) per minute before 429, 0 = unlimited
 */
public record Faults(Map<FaultKind, FaultRule> rules, int retryAfterSeconds, long slowFirstTokenMillis,
                     int stallAfterTokens, int cutAfterTokens, int malformedAfterTokens, int rpm, int tpm) {

  private static final Faults NONE = new Faults(Map.of(), 1, 1_000, 1, 1, 1, 0, 0);

  public Faults {
    EnumMap<FaultKind, FaultRule> copy = new EnumMap<>(FaultKind.class);
    rules.forEach((k, r) -> { if (!r.off()) copy.put(k, r); });
    rules = Collections.unmodifiableMap(copy);
    requireAtLeast("retryAfterSeconds", retryAfterSeconds, 0);
    requireAtLeast("slowFirstTokenMillis", slowFirstTokenMillis, 0);
    requireAtLeast("stallAfterTokens", stallAfterTokens, 0);
    requireAtLeast("cutAfterTokens", cutAfterTokens, 0);
    requireAtLeast("malformedAfterTokens", malformedAfterTokens, 0);
    requireAtLeast("rpm", rpm, 0);
    requireAtLeast("tpm", tpm, 0);
  }

  /** No fault and no rate limit; parameters at their defaults. */
  public static Faults none() {
    return NONE;
  }

  public FaultRule rule(FaultKind kind) {
    return rules.getOrDefault(kind, FaultRule.OFF);
  }

  public Faults with(FaultKind kind, FaultRule rule) {
    EnumMap<FaultKind, FaultRule> copy = new EnumMap<>(FaultKind.class);
    copy.putAll(rules);
    copy.put(kind, rule);
    return new Faults(copy, retryAfterSeconds, slowFirstTokenMillis, stallAfterTokens, cutAfterTokens,
        malformedAfterTokens, rpm, tpm);
  }

  /** Shorthand for {@code with(kind, FaultRule.probability(p))}. */
  public Faults withProbability(FaultKind kind, double p) {
    return with(kind, FaultRule.probability(p));
  }

  /** Shorthand for {@code with(kind, FaultRule.next(n))}: the next {@code n} requests get the fault. */
  public Faults withNext(FaultKind kind, int n) {
    return with(kind, FaultRule.next(n));
  }

  public Faults withRetryAfterSeconds(int seconds) {
    return new Faults(rules, seconds, slowFirstTokenMillis, stallAfterTokens, cutAfterTokens, malformedAfterTokens, rpm, tpm);
  }

  public Faults withSlowFirstTokenMillis(long millis) {
    return new Faults(rules, retryAfterSeconds, millis, stallAfterTokens, cutAfterTokens, malformedAfterTokens, rpm, tpm);
  }

  public Faults withStallAfterTokens(int tokens) {
    return new Faults(rules, retryAfterSeconds, slowFirstTokenMillis, tokens, cutAfterTokens, malformedAfterTokens, rpm, tpm);
  }

  public Faults withCutAfterTokens(int tokens) {
    return new Faults(rules, retryAfterSeconds, slowFirstTokenMillis, stallAfterTokens, tokens, malformedAfterTokens, rpm, tpm);
  }

  public Faults withMalformedAfterTokens(int tokens) {
    return new Faults(rules, retryAfterSeconds, slowFirstTokenMillis, stallAfterTokens, cutAfterTokens, tokens, rpm, tpm);
  }

  /** Provider-style limits: requests and tokens per minute, 0 = unlimited. */
  public Faults withRateLimits(int rpm, int tpm) {
    return new Faults(rules, retryAfterSeconds, slowFirstTokenMillis, stallAfterTokens, cutAfterTokens, malformedAfterTokens, rpm, tpm);
  }

  private static void requireAtLeast(String field, long value, long min) {
    if (value < min) throw new IllegalArgumentException("faults." + field + " must be >= " + min + ", was " + value);
  }
}
