package io.switchboard.core.resilience;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The deadline before which an endpoint that answered 429 gets no new requests. The deadline only ever
 * moves later: two 429s racing keep the longer rest.
 *
 * <p>Example: a 429 with {@code Retry-After: 2} and {@code x-ratelimit-reset-tokens: 6.5s} at t=0 rests
 * the endpoint until t=6.5 s (the longest hint); a 429 with no such header rests it for the policy's
 * default, 1 s. The request that got the 429 goes elsewhere at once; if nothing else can serve, it waits
 * until {@link #cooldownUntilNanos()} within its deadline.
 */
public final class EndpointCooldown {
  private final CooldownPolicy policy;
  private final LongSupplier ticker;
  private final LongSupplier epochMillis;
  private final AtomicLong until;

  /**
   * @param ticker      the router's nanosecond ticker
   * @param epochMillis wall-clock milliseconds, only to turn a {@code Retry-After} HTTP-date into a delay
   */
  public EndpointCooldown(CooldownPolicy policy, LongSupplier ticker, LongSupplier epochMillis) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
    this.until = new AtomicLong(ticker.getAsLong());
  }

  /**
   * Rests the endpoint after a 429 for as long as the longest hint in {@code headers} says (or the default,
   * capped at the maximum). Returns the deadline now in force.
   */
  public long onRateLimited(Function<String, String> headers) {
    long hint = RateLimitHeaders.cooldownHintNanos(headers, epochMillis);
    long rest = hint < 0 ? policy.defaultCooldown().toNanos() : Math.min(hint, policy.maxCooldown().toNanos());
    return coolDownFor(rest);
  }

  /** Rests the endpoint for at least {@code nanos} from now; returns the deadline now in force. */
  public long coolDownFor(long nanos) {
    long candidate = ticker.getAsLong() + Math.max(0, nanos);
    for (;;) {
      long cur = until.get();
      if (cur - candidate >= 0) return cur;
      if (until.compareAndSet(cur, candidate)) return candidate;
    }
  }

  public boolean isCoolingDown() { return until.get() - ticker.getAsLong() > 0; }

  /** The ticker time the rest ends; in the past when the endpoint is not cooling down. */
  public long cooldownUntilNanos() { return until.get(); }

  /** Nanos until the rest ends; 0 when not cooling down. */
  public long remainingNanos() { return Math.max(0, until.get() - ticker.getAsLong()); }
}
