package io.switchboard.core.resilience;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One endpoint's requests-per-minute and tokens-per-minute budgets, taken together: a request gets both or
 * neither. If the token budget refuses after the request budget granted, the request is given back.
 *
 * <p>Example: 60 RPM and 100,000 TPM. A request estimated at 3,000 tokens takes 1 request and 3,000 tokens;
 * when it finishes having used 1,200, {@link #reconcile} refunds 1,800 tokens. When the token budget is
 * the tighter one, {@link #tryAcquire} returns how long the tokens would take and the request slot is not
 * consumed.
 *
 * <p>The two budgets are separate atomics: between the grant and the give-back another thread may see the
 * request budget one lower than it ends up. That only ever refuses, never overspends.
 */
public final class UsageLimits {
  private static final UsageLimits UNLIMITED = new UsageLimits(RateLimiter.unlimited(), RateLimiter.unlimited());
  private final RateLimiter requests;
  private final RateLimiter tokens;

  public UsageLimits(RateLimiter requests, RateLimiter tokens) {
    this.requests = Objects.requireNonNull(requests, "requests");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** Budgets with a burst of one minute each; 0 means no limit on that dimension. */
  public static UsageLimits of(long requestsPerMinute, long tokensPerMinute, LongSupplier ticker) {
    return new UsageLimits(limiter(requestsPerMinute, ticker), limiter(tokensPerMinute, ticker));
  }

  public static UsageLimits unlimited() { return UNLIMITED; }

  private static RateLimiter limiter(long perMinute, LongSupplier ticker) {
    if (perMinute < 0) throw new IllegalArgumentException("a per-minute budget must be >= 0 (0: none), was " + perMinute);
    return perMinute == 0 ? RateLimiter.unlimited() : RateLimiter.perMinute(perMinute, ticker);
  }

  public RateLimiter requests() { return requests; }

  public RateLimiter tokens() { return tokens; }

  /**
   * Takes one request and {@code estimatedTokens}: {@link RateLimiter#GRANTED} (0), or the nanoseconds until
   * both budgets would grant, in which case neither was charged.
   */
  public long tryAcquire(long estimatedTokens) {
    long requestWait = requests.tryAcquire(1);
    if (requestWait != RateLimiter.GRANTED) return Math.max(requestWait, tokens.waitNanos(estimatedTokens));
    long tokenWait = tokens.tryAcquire(estimatedTokens);
    if (tokenWait == RateLimiter.GRANTED) return RateLimiter.GRANTED;
    requests.refund(1);
    return tokenWait;
  }

  /** How long a request of {@code estimatedTokens} would wait now; 0 when it would pass. Takes nothing. */
  public long waitNanos(long estimatedTokens) {
    return Math.max(requests.waitNanos(1), tokens.waitNanos(estimatedTokens));
  }

  /** Corrects the token charge once the response's usage is known. */
  public void reconcile(long estimatedTokens, long actualTokens) { tokens.reconcile(estimatedTokens, actualTokens); }

  /** Gives back a grant whose request was never sent (e.g. the breaker refused it after the limiter). */
  public void release(long estimatedTokens) {
    tokens.refund(estimatedTokens);
    requests.refund(1);
  }

  @Override
  public String toString() { return "UsageLimits{requests=" + requests + ", tokens=" + tokens + '}'; }
}
