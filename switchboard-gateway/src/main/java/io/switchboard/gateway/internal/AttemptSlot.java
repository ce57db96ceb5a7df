package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RoutingReceipt;
import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.core.resilience.EndpointGuard;
import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * The exchange's fields that belong to one upstream attempt (its endpoint, slot and guard admission, routing
 * decision, config and body), taken out of the exchange or put back. Lets a hedge pick and hold a second
 * endpoint while the first attempt still owns the exchange's fields.
 */
record AttemptSlot(EndpointState endpoint, EndpointGuard guard, long guardTokens, RouteDecision decision,
                   RoutingReceipt receipt, String endpointName, long servedTokens, EndpointConfig endpointConfig,
                   Buffer upstreamBody) {

  static AttemptSlot of(Exchange x) {
    return new AttemptSlot(x.endpoint, x.guard, x.guardTokens, x.decision, x.receipt, x.endpointName, x.servedTokens,
        x.endpointConfig, x.upstreamBody);
  }

  void restore(Exchange x) {
    x.endpoint = endpoint;
    x.guard = guard;
    x.guardTokens = guardTokens;
    x.decision = decision;
    x.receipt = receipt;
    x.endpointName = endpointName;
    x.servedTokens = servedTokens;
    x.endpointConfig = endpointConfig;
    x.upstreamBody = upstreamBody;
  }

  /**
   * Gives back an attempt that lost a hedge race (or was cancelled) without a verdict on the endpoint's
   * health: its breaker permission, token charge and slot; logs it with {@code label}.
   */
  void release(Exchange x, long startNanos, String label) {
    if (endpoint == null) return;
    guard.breaker().onIgnored();
    giveBack(x, startNanos, label);
  }

  /** Gives back an attempt that failed, with its outcome as the verdict on the endpoint's health. */
  void fail(Exchange x, long startNanos, String label, AttemptOutcome outcome, Function<String, String> headers) {
    if (endpoint == null) return;
    guard.onOutcome(outcome, headers);
    giveBack(x, startNanos, label);
  }

  private void giveBack(Exchange x, long startNanos, String label) {
    long now = x.now();
    guard.onUsage(guardTokens, 0);
    if (decision != null) decision.finished(0, 0, false);
    x.logAttempt(endpointName, label, startNanos, now);
    endpoint.release(Math.max(0, x.routeRequest.expectedTokens() - servedTokens));
    x.shared.drainer.afterRelease(x.table, endpoint);
  }
}
