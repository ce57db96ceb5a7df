package io.switchboard.core.resilience;

import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What a provider last said about an endpoint's budget in its {@code x-ratelimit-*} headers: per dimension
 * (requests, tokens) the limit, what remained, and when it resets on the router's ticker. Values are
 * {@link RateLimitHeaders#ABSENT} (-1) until a response carries them. Immutable; {@link #update} returns
 * the next snapshot.
 *
 * <p>Example: a response with {@code x-ratelimit-limit-requests: 500}, {@code -remaining-requests: 3} and
 * {@code -reset-requests: 6m0s} at t=0 tells the router, with a 1 % reserve, that the endpoint has fewer
 * than 5 requests left until t=360 s: {@link #steerAway} says yes until then, so traffic goes elsewhere
 * before the provider answers 429.
 */
public record LearnedLimits(long limitRequests, long remainingRequests, long resetRequestsAtNanos,
    long limitTokens, long remainingTokens, long resetTokensAtNanos) {

  /** Nothing learned yet. */
  public static final LearnedLimits UNKNOWN = new LearnedLimits(-1, -1, 0, -1, -1, 0);

  /** When a remaining count arrives without a reset time, trust it for this long. */
  public static final long DEFAULT_RESET_NANOS = 1_000_000_000L;

  /** {@link #update(Function, long, LongSupplier)} without a wall clock: Anthropic's resets count as absent. */
  public LearnedLimits update(Function<String, String> headers, long nowNanos) {
    return update(headers, nowNanos, null);
  }

  /**
   * The snapshot after a response with {@code headers} at {@code nowNanos}. A dimension the response says
   * nothing about keeps its previous values; returns {@code this} when the response has no such header.
   * OpenAI's {@code x-ratelimit-*} headers are read first; a response without them is read for Anthropic's
   * {@code anthropic-ratelimit-*}, whose RFC 3339 reset times {@code epochMillis} turns into delays.
   */
  public LearnedLimits update(Function<String, String> headers, long nowNanos, LongSupplier epochMillis) {
    LearnedLimits openAi = updateOpenAi(headers, nowNanos);
    if (openAi != this) return openAi;
    long remReq = RateLimitHeaders.count(headers.apply(RateLimitHeaders.ANTHROPIC_REMAINING_REQUESTS));
    long remTok = RateLimitHeaders.count(headers.apply(RateLimitHeaders.ANTHROPIC_REMAINING_TOKENS));
    long limReq = RateLimitHeaders.count(headers.apply(RateLimitHeaders.ANTHROPIC_LIMIT_REQUESTS));
    long limTok = RateLimitHeaders.count(headers.apply(RateLimitHeaders.ANTHROPIC_LIMIT_TOKENS));
    if (remReq < 0 && remTok < 0 && limReq < 0 && limTok < 0) return this;
    long resetReq = remReq < 0 ? resetRequestsAtNanos : resetAt(nowNanos, epochMillis == null ? RateLimitHeaders.ABSENT
        : RateLimitHeaders.timestampNanos(headers.apply(RateLimitHeaders.ANTHROPIC_RESET_REQUESTS), epochMillis));
    long resetTok = remTok < 0 ? resetTokensAtNanos : resetAt(nowNanos, epochMillis == null ? RateLimitHeaders.ABSENT
        : RateLimitHeaders.timestampNanos(headers.apply(RateLimitHeaders.ANTHROPIC_RESET_TOKENS), epochMillis));
    return next(limReq, remReq, resetReq, limTok, remTok, resetTok);
  }

  private LearnedLimits updateOpenAi(Function<String, String> headers, long nowNanos) {
    long remReq = RateLimitHeaders.count(headers.apply(RateLimitHeaders.REMAINING_REQUESTS));
    long remTok = RateLimitHeaders.count(headers.apply(RateLimitHeaders.REMAINING_TOKENS));
    long limReq = RateLimitHeaders.count(headers.apply(RateLimitHeaders.LIMIT_REQUESTS));
    long limTok = RateLimitHeaders.count(headers.apply(RateLimitHeaders.LIMIT_TOKENS));
    if (remReq < 0 && remTok < 0 && limReq < 0 && limTok < 0) return this;
    long resetReq = remReq < 0 ? resetRequestsAtNanos
        : resetAt(nowNanos, RateLimitHeaders.durationNanos(headers.apply(RateLimitHeaders.RESET_REQUESTS)));
    long resetTok = remTok < 0 ? resetTokensAtNanos
        : resetAt(nowNanos, RateLimitHeaders.durationNanos(headers.apply(RateLimitHeaders.RESET_TOKENS)));
    return next(limReq, remReq, resetReq, limTok, remTok, resetTok);
  }

  private LearnedLimits next(long limReq, long remReq, long resetReq, long limTok, long remTok, long resetTok) {
    return new LearnedLimits(
        limReq < 0 ? limitRequests : limReq, remReq < 0 ? remainingRequests : remReq, resetReq,
        limTok < 0 ? limitTokens : limTok, remTok < 0 ? remainingTokens : remTok, resetTok);
  }

  /**
   * Whether the router should prefer other endpoints for a request of {@code requestTokens} at
   * {@code nowNanos}: until a dimension's reset, its remaining count is below the request's need plus
   * {@code reserveFraction} of the limit. Requests need 1 (at least 1 must remain after the reserve);
   * tokens need {@code requestTokens}. Unknown dimensions never steer.
   */
  public boolean steerAway(long nowNanos, long requestTokens, double reserveFraction) {
    return lowOn(nowNanos, remainingRequests, limitRequests, resetRequestsAtNanos, 1, reserveFraction)
        || lowOn(nowNanos, remainingTokens, limitTokens, resetTokensAtNanos, requestTokens, reserveFraction);
  }

  /** The later reset among the dimensions that steer away now, or {@code nowNanos} when none does. */
  public long steerAwayUntilNanos(long nowNanos, long requestTokens, double reserveFraction) {
    long until = nowNanos;
    if (lowOn(nowNanos, remainingRequests, limitRequests, resetRequestsAtNanos, 1, reserveFraction)) {
      until = resetRequestsAtNanos;
    }
    if (lowOn(nowNanos, remainingTokens, limitTokens, resetTokensAtNanos, requestTokens, reserveFraction)
        && resetTokensAtNanos - until > 0) {
      until = resetTokensAtNanos;
    }
    return until;
  }

  private static boolean lowOn(long now, long remaining, long limit, long resetAt, long need, double reserve) {
    if (remaining < 0 || resetAt - now <= 0) return false;
    long reserved = limit < 0 ? 0 : (long) Math.ceil(limit * reserve);
    return remaining < need + reserved;
  }

  private static long resetAt(long now, long resetNanos) {
    return now + (resetNanos < 0 ? DEFAULT_RESET_NANOS : resetNanos);
  }
}
