package io.switchboard.core.resilience;

import io.switchboard.core.resilience.internal.BreakerState;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The passive health of one endpoint: closed (traffic flows), open (no traffic until the cooldown ends) and
 * half-open (a limited number of probe requests decide between closed and open again).
 *
 * <p>Example with the defaults (5 allowed failures per minute, 30 s cooldown, 1 probe): five 503s within a
 * minute are tolerated; the sixth opens the breaker and {@link #tryAcquirePermission()} refuses until 30 s
 * later. The first request after that is the probe and moves the breaker to half-open; others are refused
 * while it runs. The probe's success closes the breaker, its failure opens it for another 30 s.
 *
 * <p>Lock-free in the manner of Armeria's {@code NonBlockingCircuitBreaker}: the state is an immutable
 * {@link BreakerState} in an {@link AtomicReference}, every transition is one compare-and-set of a value
 * computed by a pure function, and listeners run only after a successful swap, once per transition, on the
 * thread that made it. Time comes from the injected ticker.
 *
 * <p>Usage per attempt: {@link #tryAcquirePermission()} before sending, then exactly one of
 * {@link #onSuccess()}, {@link #onFailure()} or {@link #onIgnored()} when it ends ({@link #onOutcome} picks
 * for you).
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  /** Told of every transition after it happened. Must be quick and must not throw. */
  @FunctionalInterface
  public interface Listener {
    void onStateChanged(CircuitBreaker breaker, State from, State to);
  }

  private final String name;
  private final FailureTolerance tolerance;
  private final LongSupplier ticker;
  private final List<Listener> listeners;
  private final AtomicReference<BreakerState> ref = new AtomicReference<>(BreakerState.closed());

  public CircuitBreaker(String name, FailureTolerance tolerance, LongSupplier ticker, List<Listener> listeners) {
    this.name = Objects.requireNonNull(name, "name");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.listeners = List.copyOf(listeners);
  }

  public CircuitBreaker(String name, FailureTolerance tolerance, LongSupplier ticker) {
    this(name, tolerance, ticker, List.of());
  }

  public String name() { return name; }

  public FailureTolerance tolerance() { return tolerance; }

  /**
   * The state as last changed. An open breaker whose cooldown has passed still reads {@link State#OPEN}
   * until a request arrives and becomes its probe; {@link #isCallPermitted()} already says yes.
   */
  public State state() { return ref.get().state(); }

  /** While open, when probes may start (ticker nanos); {@link Long#MIN_VALUE} in any other state. */
  public long openUntilNanos() {
    BreakerState s = ref.get();
    return s.state() == State.OPEN ? s.openUntilNanos() : Long.MIN_VALUE;
  }

  /** Failures counted in the last minute while closed (reset when the breaker opens). */
  public long recentFailures() { return ref.get().failures().sum(ticker.getAsLong()); }

  /**
   * Whether {@link #tryAcquirePermission()} would admit a request now, without admitting one: the routing
   * filter asks this for every candidate, then the chosen one acquires.
   */
  public boolean isCallPermitted() { return ref.get().permits(ticker.getAsLong(), tolerance); }

  /**
   * Admits one request, or returns false when the breaker is open or half-open with every probe taken.
   * An admitted request must end in {@link #onSuccess}, {@link #onFailure} or {@link #onIgnored}.
   */
  public boolean tryAcquirePermission() {
    long now = ticker.getAsLong();
    for (;;) {
      BreakerState cur = ref.get();
      BreakerState next = cur.acquire(now, tolerance);
      if (next == null) return false;
      if (next == cur || ref.compareAndSet(cur, next)) {
        notify(cur, next);
        return true;
      }
    }
  }

  public void onSuccess() { transition(s -> s.onSuccess(tolerance)); }

  public void onFailure() {
    long now = ticker.getAsLong();
    transition(s -> s.onFailure(now, tolerance));
  }

  /**
   * Opens the breaker at once for its cooldown, without waiting for the failure threshold: for a failure
   * that proves the endpoint down, such as a refused connection. Already open: unchanged.
   */
  public void trip() {
    long now = ticker.getAsLong();
    transition(s -> s.trip(now, tolerance));
  }

  /** The admitted request ended with no verdict on the endpoint's health; frees its probe slot. */
  public void onIgnored() { transition(BreakerState::onIgnored); }

  /**
   * Records an attempt's outcome: a failure per {@link FailureTolerance#isFailure}; a 429 as no verdict (the
   * endpoint is alive but out of budget, which {@link EndpointCooldown} handles); any other answer, a 4xx
   * included, as a success, since the endpoint did answer.
   */
  public void onOutcome(AttemptOutcome outcome) {
    if (tolerance.isFailure(outcome)) onFailure();
    else if (outcome.status() == 429) onIgnored();
    else onSuccess();
  }

  private void transition(UnaryOperator<BreakerState> update) {
    for (;;) {
      BreakerState cur = ref.get();
      BreakerState next = update.apply(cur);
      if (next == cur) return;
      if (ref.compareAndSet(cur, next)) {
        notify(cur, next);
        return;
      }
    }
  }

  private void notify(BreakerState from, BreakerState to) {
    if (from.state() == to.state()) return;
    for (Listener l : listeners) l.onStateChanged(this, from.state(), to.state());
  }

  @Override
  public String toString() { return "CircuitBreaker{" + name + ", " + ref.get().state() + '}'; }
}
