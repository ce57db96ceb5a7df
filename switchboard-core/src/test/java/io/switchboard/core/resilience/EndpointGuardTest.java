package io.switchboard.core.resilience;

import static io.switchboard.core.resilience.RateLimitHeadersTest.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.resilience.EndpointGuard.Availability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointGuardTest {
  private static final long S = 1_000_000_000L;
  private static final Map<String, String> NONE = Map.of();
  private final FakeTicker ticker = new FakeTicker();

  private EndpointGuard guard(UsageLimits usage) {
    var readmission = new Readmission(SlowStart.DEFAULTS, ticker);
    var breaker = new CircuitBreaker("ep", FailureTolerance.DEFAULTS.withAllowedFailuresPerMinute(0), ticker,
        List.of(readmission));
    return new EndpointGuard(breaker, new EndpointCooldown(CooldownPolicy.DEFAULTS, ticker, () -> 0L),
        new LearnedLimitsTracker(ticker), usage, readmission);
  }

  @Test
  void a429_coolsTheEndpointDown_forItsRetryAfter_withoutOpeningTheBreaker() {
    var g = guard(UsageLimits.unlimited());
    assertThat(g.tryAdmit(100)).isZero();
    g.onOutcome(AttemptOutcome.response(429), headers(Map.of("Retry-After", "2")));
    assertThat(g.availability(100)).isEqualTo(Availability.UNAVAILABLE);
    assertThat(g.tryAdmit(100)).isEqualTo(2 * S);
    assertThat(g.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    ticker.advanceSeconds(2);
    assertThat(g.tryAdmit(100)).as("no earlier than the header says, and not later").isZero();
  }

  @Test
  void breakerRefusal_givesTheBudgetBack() {
    var g = guard(UsageLimits.of(10, 0, ticker));
    assertThat(g.tryAdmit(1)).isZero();
    g.onOutcome(AttemptOutcome.response(503), headers(NONE));
    assertThat(g.availability(1)).isEqualTo(Availability.UNAVAILABLE);
    assertThat(g.tryAdmit(1)).isEqualTo(EndpointGuard.REFUSED);
    assertThat(g.usage().requests().available()).isEqualTo(9);
  }

  @Test
  void outOfBudget_isUnavailable_andSaysHowLongToWait() {
    var g = guard(UsageLimits.of(60, 6_000, ticker));
    assertThat(g.tryAdmit(6_000)).isZero();
    g.onOutcome(AttemptOutcome.response(200), headers(NONE));
    assertThat(g.availability(100)).isEqualTo(Availability.UNAVAILABLE);
    assertThat(g.tryAdmit(100)).isEqualTo(1 * S);
    g.onUsage(6_000, 1_000);
    assertThat(g.tryAdmit(100)).as("the refund made room").isZero();
  }

  @Test
  void lowReportedBudget_steersAway_butStillAdmits() {
    var g = guard(UsageLimits.unlimited());
    assertThat(g.tryAdmit(10)).isZero();
    g.onOutcome(AttemptOutcome.response(200), headers(Map.of(
        "x-ratelimit-limit-requests", "100", "x-ratelimit-remaining-requests", "1",
        "x-ratelimit-reset-requests", "5s")));
    assertThat(g.availability(10)).isEqualTo(Availability.STEER_AWAY);
    assertThat(g.tryAdmit(10)).isZero();
    ticker.advanceSeconds(5);
    assertThat(g.availability(10)).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void cancel_releasesTheProbeSlot_andTheBudget() {
    var g = guard(UsageLimits.of(10, 0, ticker));
    g.tryAdmit(1);
    g.onOutcome(AttemptOutcome.connectFailure(), headers(NONE));
    ticker.advanceSeconds(30);
    assertThat(g.tryAdmit(1)).as("the probe").isZero();
    assertThat(g.tryAdmit(1)).isEqualTo(EndpointGuard.REFUSED);
    g.cancel(1);
    assertThat(g.tryAdmit(1)).isZero();
    g.onOutcome(AttemptOutcome.response(200), headers(NONE));
    assertThat(g.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(g.weightFactor()).as("readmitted: slow start begins").isEqualTo(0.1);
  }
}
