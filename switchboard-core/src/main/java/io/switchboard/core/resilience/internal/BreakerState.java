package io.switchboard.core.resilience.internal;

import io.switchboard.core.resilience.CircuitBreaker.State;
import io.switchboard.core.resilience.FailureTolerance;

/**
 * One immutable state of a circuit breaker and its pure transitions. Each transition returns the next state,
 * or {@code this} when nothing changes, so the breaker swaps only real changes and can re-run a transition
 * after a lost compare-and-set.
 *
 * @param state          closed, open or half-open
 * @param failures       failures in the last minute; counted only while closed
 * @param openUntilNanos while open, when probes may start; otherwise unused
 * @param probesInFlight half-open probes admitted and not yet finished
 * @param probeSuccesses half-open probes that succeeded
 */
public record BreakerState(State state, SlidingCounts failures, long openUntilNanos, int probesInFlight,
    int probeSuccesses) {
  static final long MINUTE_NANOS = 60_000_000_000L;
  /** Five-second buckets: a failure is forgotten between 55 and 60 s after it happened. */
  static final int BUCKETS = 12;

  public static BreakerState closed() {
    return new BreakerState(State.CLOSED, SlidingCounts.empty(MINUTE_NANOS, BUCKETS), 0, 0, 0);
  }

  static BreakerState open(long untilNanos) {
    return new BreakerState(State.OPEN, SlidingCounts.empty(MINUTE_NANOS, BUCKETS), untilNanos, 0, 0);
  }

  /** Whether a request could be admitted now, without admitting it. */
  public boolean permits(long now, FailureTolerance tolerance) {
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> now - openUntilNanos >= 0;
      case HALF_OPEN -> probesInFlight + probeSuccesses < tolerance.halfOpenProbes();
    };
  }

  /** The state after admitting one request, or null when it must be refused. */
  public BreakerState acquire(long now, FailureTolerance tolerance) {
    return switch (state) {
      case CLOSED -> this;
      // The cooldown is over: this request becomes the first probe.
      case OPEN -> now - openUntilNanos >= 0 ? new BreakerState(State.HALF_OPEN, failures, 0, 1, 0) : null;
      case HALF_OPEN -> permits(now, tolerance)
          ? new BreakerState(State.HALF_OPEN, failures, 0, probesInFlight + 1, probeSuccesses)
          : null;
    };
  }

  public BreakerState onSuccess(FailureTolerance tolerance) {
    // Closed needs no record of successes; open ignores late answers to requests sent before it opened.
    if (state != State.HALF_OPEN || probesInFlight == 0) return this;
    if (probeSuccesses + 1 >= tolerance.halfOpenProbes()) return closed();
    return new BreakerState(State.HALF_OPEN, failures, 0, probesInFlight - 1, probeSuccesses + 1);
  }

  public BreakerState onFailure(long now, FailureTolerance tolerance) {
    return switch (state) {
      case CLOSED -> {
        SlidingCounts next = failures.add(now, 1);
        yield next.sum(now) > tolerance.allowedFailuresPerMinute()
            ? open(now + tolerance.cooldown().toNanos())
            : new BreakerState(State.CLOSED, next, 0, 0, 0);
      }
      case OPEN -> this;
      // A failed probe reopens for a full cooldown; with no probe out, it is a late answer from before.
      case HALF_OPEN -> probesInFlight == 0 ? this : open(now + tolerance.cooldown().toNanos());
    };
  }

  /**
   * The endpoint is certainly down (nothing listens on its port): open now for a full cooldown, whatever the
   * count of recent failures. An open breaker keeps its deadline.
   */
  public BreakerState trip(long now, FailureTolerance tolerance) {
    return state == State.OPEN ? this : open(now + tolerance.cooldown().toNanos());
  }

  /** A probe ended without a verdict (the client went away, the answer was the client's fault). */
  public BreakerState onIgnored() {
    if (state != State.HALF_OPEN || probesInFlight == 0) return this;
    return new BreakerState(State.HALF_OPEN, failures, 0, probesInFlight - 1, probeSuccesses);
  }
}
