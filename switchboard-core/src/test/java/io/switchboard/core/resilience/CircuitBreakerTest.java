package io.switchboard.core.resilience;

import static io.switchboard.core.resilience.CircuitBreaker.State.CLOSED;
import static io.switchboard.core.resilience.CircuitBreaker.State.HALF_OPEN;
import static io.switchboard.core.resilience.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.resilience.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final FailureTolerance TWO_FAILURES_10S =
      new FailureTolerance(2, Duration.ofSeconds(10), Set.of(500, 502, 503, 504), 1);

  private final FakeTicker ticker = new FakeTicker();
  private final List<String> transitions = new ArrayList<>();

  private CircuitBreaker breaker(FailureTolerance tolerance) {
    return new CircuitBreaker("ep", tolerance, ticker, List.of((b, from, to) -> transitions.add(from + "->" + to)));
  }

  // State helpers that check their own postconditions, so a test cannot drift into a state it did not mean.

  private void fail(CircuitBreaker cb, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(cb.tryAcquirePermission()).as("closed breaker admits").isTrue();
      cb.onFailure();
    }
  }

  private void open(CircuitBreaker cb) {
    fail(cb, cb.tolerance().allowedFailuresPerMinute() + 1);
    assertThat(cb.state()).isEqualTo(OPEN);
    assertThat(cb.tryAcquirePermission()).isFalse();
  }

  private void halfOpen(CircuitBreaker cb) {
    open(cb);
    ticker.advance(cb.tolerance().cooldown());
    assertThat(cb.tryAcquirePermission()).as("first request after cooldown is the probe").isTrue();
    assertThat(cb.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void closed_toleratesAllowedFailures_thenOpensOnTheNext() {
    var cb = breaker(TWO_FAILURES_10S);
    fail(cb, 2);
    assertThat(cb.state()).isEqualTo(CLOSED);
    assertThat(cb.recentFailures()).isEqualTo(2);
    fail(cb, 1);
    assertThat(cb.state()).isEqualTo(OPEN);
    assertThat(cb.openUntilNanos()).isEqualTo(FakeTicker.START + Duration.ofSeconds(10).toNanos());
    assertThat(transitions).containsExactly("CLOSED->OPEN");
  }

  @Test
  void closed_trip_opensAtOnceForAFullCooldown_whateverTheFailureCount() {
    var cb = breaker(TWO_FAILURES_10S);
    assertThat(cb.tryAcquirePermission()).isTrue();
    cb.trip();
    assertThat(cb.state()).isEqualTo(OPEN);
    assertThat(cb.openUntilNanos()).isEqualTo(FakeTicker.START + Duration.ofSeconds(10).toNanos());
    // The tripping attempt's own failure report changes nothing.
    cb.onFailure();
    assertThat(cb.openUntilNanos()).isEqualTo(FakeTicker.START + Duration.ofSeconds(10).toNanos());
    assertThat(transitions).containsExactly("CLOSED->OPEN");
  }

  @Test
  void open_trip_keepsItsDeadline() {
    var cb = breaker(TWO_FAILURES_10S);
    open(cb);
    ticker.advance(Duration.ofSeconds(4));
    cb.trip();
    assertThat(cb.openUntilNanos()).isEqualTo(FakeTicker.START + Duration.ofSeconds(10).toNanos());
  }

  @Test
  void halfOpen_trip_reopensForAFullCooldown() {
    var cb = breaker(TWO_FAILURES_10S);
    halfOpen(cb);
    cb.trip();
    assertThat(cb.state()).isEqualTo(OPEN);
    assertThat(cb.tryAcquirePermission()).isFalse();
  }

  @Test
  void closed_zeroAllowedFailures_opensOnFirstFailure() {
    var cb = breaker(TWO_FAILURES_10S.withAllowedFailuresPerMinute(0));
    fail(cb, 1);
    assertThat(cb.state()).isEqualTo(OPEN);
  }

  @Test
  void closed_failuresOlderThanAMinuteAreForgotten() {
    var cb = breaker(TWO_FAILURES_10S);
    fail(cb, 2);
    ticker.advanceSeconds(60);
    assertThat(cb.recentFailures()).isZero();
    fail(cb, 2); // two new failures: within tolerance only because the old two expired
    assertThat(cb.state()).isEqualTo(CLOSED);
  }

  @Test
  void closed_failuresWithinTheMinuteStillCount() {
    var cb = breaker(TWO_FAILURES_10S);
    fail(cb, 2);
    ticker.advanceSeconds(55);
    fail(cb, 1);
    assertThat(cb.state()).isEqualTo(OPEN);
  }

  @Test
  void closed_successesDoNotResetTheFailureCount() {
    // Allowed failures are per minute, not consecutive: an endpoint failing every third request still opens.
    var cb = breaker(TWO_FAILURES_10S);
    fail(cb, 2);
    assertThat(cb.tryAcquirePermission()).isTrue();
    cb.onSuccess();
    fail(cb, 1);
    assertThat(cb.state()).isEqualTo(OPEN);
  }

  @Test
  void open_refusesUntilCooldownEnds_thenAdmitsOneProbe() {
    var cb = breaker(TWO_FAILURES_10S);
    open(cb);
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    assertThat(cb.isCallPermitted()).isFalse();
    assertThat(cb.tryAcquirePermission()).isFalse();
    ticker.advance(Duration.ofNanos(1));
    assertThat(cb.isCallPermitted()).isTrue();
    assertThat(cb.state()).as("the state changes only when a request arrives").isEqualTo(OPEN);
    assertThat(cb.tryAcquirePermission()).isTrue();
    assertThat(cb.state()).isEqualTo(HALF_OPEN);
    assertThat(cb.openUntilNanos()).isEqualTo(Long.MIN_VALUE);
    assertThat(cb.tryAcquirePermission()).as("the single probe is taken").isFalse();
    assertThat(cb.isCallPermitted()).isFalse();
    assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
  }

  @Test
  void open_ignoresLateResultsOfRequestsSentBeforeItOpened() {
    var cb = breaker(TWO_FAILURES_10S);
    open(cb);
    cb.onSuccess();
    cb.onFailure();
    assertThat(cb.state()).isEqualTo(OPEN);
    assertThat(cb.openUntilNanos()).as("a late failure does not extend the cooldown")
        .isEqualTo(FakeTicker.START + Duration.ofSeconds(10).toNanos());
  }

  @Test
  void halfOpen_probeSuccess_closes() {
    var cb = breaker(TWO_FAILURES_10S);
    halfOpen(cb);
    cb.onSuccess();
    assertThat(cb.state()).isEqualTo(CLOSED);
    assertThat(cb.recentFailures()).as("a readmitted endpoint starts with a clean slate").isZero();
    assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
  }

  @Test
  void halfOpen_probeFailure_reopensForAFullCooldown() {
    var cb = breaker(TWO_FAILURES_10S);
    halfOpen(cb);
    ticker.advanceSeconds(3);
    cb.onFailure();
    assertThat(cb.state()).isEqualTo(OPEN);
    assertThat(cb.openUntilNanos()).isEqualTo(ticker.getAsLong() + Duration.ofSeconds(10).toNanos());
    assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
  }

  @Test
  void halfOpen_ignoredProbe_freesItsSlotForAnother() {
    var cb = breaker(TWO_FAILURES_10S);
    halfOpen(cb);
    cb.onIgnored();
    assertThat(cb.state()).isEqualTo(HALF_OPEN);
    assertThat(cb.tryAcquirePermission()).isTrue();
    assertThat(cb.tryAcquirePermission()).isFalse();
  }

  @Test
  void halfOpen_withThreeProbes_admitsThreeAtOnce_andClosesAfterThreeSuccesses() {
    var cb = breaker(TWO_FAILURES_10S.withHalfOpenProbes(3));
    halfOpen(cb);
    assertThat(cb.tryAcquirePermission()).isTrue();
    assertThat(cb.tryAcquirePermission()).isTrue();
    assertThat(cb.tryAcquirePermission()).as("three probes out").isFalse();
    cb.onSuccess();
    cb.onSuccess();
    assertThat(cb.state()).isEqualTo(HALF_OPEN);
    assertThat(cb.tryAcquirePermission()).as("successful probes are not replaced").isFalse();
    cb.onSuccess();
    assertThat(cb.state()).isEqualTo(CLOSED);
  }

  @Test
  void halfOpen_oneFailedProbeAmongSeveral_reopens_andLaterProbeResultsAreIgnored() {
    var cb = breaker(TWO_FAILURES_10S.withHalfOpenProbes(3));
    halfOpen(cb);
    assertThat(cb.tryAcquirePermission()).isTrue();
    cb.onSuccess();
    cb.onFailure();
    assertThat(cb.state()).isEqualTo(OPEN);
    cb.onSuccess(); // the third probe answers late: the breaker stays open
    assertThat(cb.state()).isEqualTo(OPEN);
  }

  @Test
  void halfOpen_failureWithNoProbeOut_isALateAnswerAndIgnored() {
    var cb = breaker(TWO_FAILURES_10S.withHalfOpenProbes(2));
    halfOpen(cb);
    cb.onSuccess(); // the probe succeeded; one more needed to close
    cb.onFailure(); // no probe is out: a request from before the breaker opened
    assertThat(cb.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void onOutcome_classifiesByTolerance_and429IsNoVerdict() {
    var cb = breaker(TWO_FAILURES_10S);
    for (var o : List.of(AttemptOutcome.connectFailure(), AttemptOutcome.timeout())) {
      assertThat(cb.tryAcquirePermission()).isTrue();
      cb.onOutcome(o);
    }
    assertThat(cb.recentFailures()).isEqualTo(2);
    cb.onOutcome(AttemptOutcome.response(404)); // the endpoint answered: not a failure
    assertThat(cb.recentFailures()).isEqualTo(2);
    cb.onOutcome(AttemptOutcome.response(502));
    assertThat(cb.state()).isEqualTo(OPEN);

    ticker.advanceSeconds(10);
    assertThat(cb.tryAcquirePermission()).isTrue();
    cb.onOutcome(AttemptOutcome.response(429));
    assertThat(cb.state()).as("a 429 probe neither closes nor reopens").isEqualTo(HALF_OPEN);
    assertThat(cb.tryAcquirePermission()).as("but frees the probe slot").isTrue();
  }

  @Test
  void listeners_runOncePerTransition_underConcurrentFailures() throws Exception {
    List<State> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    var cb = new CircuitBreaker("ep", TWO_FAILURES_10S, ticker, List.of((b, from, to) -> opened.add(to)));
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> { for (int i = 0; i < 1000; i++) cb.onFailure(); });
      threads[t].start();
    }
    for (Thread t : threads) t.join(10_000);
    assertThat(opened).containsExactly(OPEN);
  }

  @Test
  void failureTolerance_rejects429AsAFailureStatus() {
    assertThatThrownBy(() -> new FailureTolerance(5, Duration.ofSeconds(30), Set.of(500, 429), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("429");
    assertThatThrownBy(() -> FailureTolerance.DEFAULTS.withHalfOpenProbes(0))
        .hasMessageContaining("half_open_probes");
  }

  @Test
  void failureTolerance_defaults() {
    var d = FailureTolerance.DEFAULTS;
    assertThat(d.allowedFailuresPerMinute()).isEqualTo(5);
    assertThat(d.cooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.failureStatusCodes()).containsExactlyInAnyOrder(500, 502, 503, 504);
    assertThat(d.isFailure(AttemptOutcome.resetBeforeHeaders())).isTrue();
    assertThat(d.isFailure(AttemptOutcome.response(429))).isFalse();
    assertThat(d.isFailure(AttemptOutcome.response(400))).isFalse();
  }
}
