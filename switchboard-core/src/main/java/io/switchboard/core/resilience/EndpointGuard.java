package io.switchboard.core.resilience;

import java.util.Objects;
import java.util.function.Function;

/**
 * Everything that may keep one endpoint from taking a request, in one place: its circuit breaker, its 429
 * cooldown, what its provider said about its budget, its RPM/TPM limits and its slow-start ramp. The
 * gateway keeps one per endpoint id, across config reloads, next to the endpoint's
 * {@link io.switchboard.core.EndpointState}.
 *
 * <p>Per attempt: {@link #availability} filters candidates, {@link #tryAdmit} reserves the chosen one,
 * {@link #onOutcome} reports how the attempt ended, {@link #onUsage} corrects the token charge. An admitted
 * attempt that is never sent must be given back with {@link #cancel}.
 */
public final class EndpointGuard {
  /** {@link #tryAdmit} result: the breaker refused, with no known time at which it will admit. */
  public static final long REFUSED = -1L;

  public enum Availability {
    /** Can take the request now. */
    AVAILABLE,
    /** Could take it, but its provider's reported budget is nearly spent: prefer others. */
    STEER_AWAY,
    /** Breaker open (or probes taken), cooling down after a 429, or out of RPM/TPM budget. */
    UNAVAILABLE
  }

  private final CircuitBreaker breaker;
  private final EndpointCooldown cooldown;
  private final LearnedLimitsTracker learned;
  private final UsageLimits usage;
  private final Readmission readmission;

  public EndpointGuard(CircuitBreaker breaker, EndpointCooldown cooldown, LearnedLimitsTracker learned,
      UsageLimits usage, Readmission readmission) {
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
    this.learned = Objects.requireNonNull(learned, "learned");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.readmission = Objects.requireNonNull(readmission, "readmission");
  }

  public CircuitBreaker breaker() { return breaker; }

  public EndpointCooldown cooldown() { return cooldown; }

  public LearnedLimitsTracker learned() { return learned; }

  public UsageLimits usage() { return usage; }

  public Readmission readmission() { return readmission; }

  /** Whether the endpoint can take a request of {@code estimatedTokens} now. Reads only. */
  public Availability availability(long estimatedTokens) {
    if (!breaker.isCallPermitted() || cooldown.isCoolingDown() || usage.waitNanos(estimatedTokens) > 0) {
      return Availability.UNAVAILABLE;
    }
    return learned.shouldSteerAway(estimatedTokens) ? Availability.STEER_AWAY : Availability.AVAILABLE;
  }

  /**
   * Reserves the endpoint for one attempt: 0 when admitted (budget charged, breaker permission taken);
   * otherwise nothing is held and the result is the nanos until it could admit (cooldown or budget), or
   * {@link #REFUSED} when its breaker refused.
   */
  public long tryAdmit(long estimatedTokens) {
    long rest = cooldown.remainingNanos();
    if (rest > 0) return rest;
    long wait = usage.tryAcquire(estimatedTokens);
    if (wait != RateLimiter.GRANTED) return wait;
    if (breaker.tryAcquirePermission()) return 0;
    usage.release(estimatedTokens);
    return REFUSED;
  }

  /** Gives back an admission whose attempt was never sent. */
  public void cancel(long estimatedTokens) {
    usage.release(estimatedTokens);
    breaker.onIgnored();
  }

  /**
   * Reports how an admitted attempt ended: health to the breaker, a 429's hints to the cooldown, and any
   * response's rate-limit headers to the learned limits. {@code headers} is empty for a transport failure.
   */
  public void onOutcome(AttemptOutcome outcome, Function<String, String> headers) {
    breaker.onOutcome(outcome);
    if (outcome.isTransportFailure()) return;
    if (outcome.status() == 429) cooldown.onRateLimited(headers);
    learned.observe(headers);
  }

  /** Corrects the token charge once the attempt's real usage is known (0 if it produced nothing). */
  public void onUsage(long estimatedTokens, long actualTokens) { usage.reconcile(estimatedTokens, actualTokens); }

  /** The share of its configured weight the endpoint should get now (slow start). */
  public double weightFactor() { return readmission.weightFactor(); }
}
