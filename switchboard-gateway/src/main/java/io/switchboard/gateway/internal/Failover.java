package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.core.resilience.RetryDecision;
import io.switchboard.core.resilience.RetryPolicy;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.routing.RoutingTable;
import java.util.function.Function;

/**
 * Where a request goes next: its first endpoint (from {@link Admit}) and, after a failed attempt, another
 * endpoint of its group, then the groups of its fallback chain, as the group's {@link RetryPolicy} decides.
 * The rules, in order (the policy's {@code classify} holds the status rules):
 *
 * <ol>
 *   <li>an answer the policy returns (a success, 4xx, an unknown status) is relayed unchanged;</li>
 *   <li>{@code context_length_exceeded} goes to the group's {@code context_fallback}, if any;</li>
 *   <li>a 429 rests that endpoint for its hinted time and the request goes elsewhere at once; the endpoint
 *       may serve it again once rested;</li>
 *   <li>a connect failure, reset, timeout or 5xx goes to an endpoint not yet tried, after a full-jitter
 *       backoff;</li>
 *   <li>every retry needs an attempt left, time before the deadline and a token from the group's retry
 *       budget;</li>
 *   <li>when no endpoint of the chain can take the request now but one will within the group's queue
 *       timeout and the deadline (a cooldown, an RPM/TPM budget), the request waits for it;</li>
 *   <li>when an endpoint not yet tried would take it but is at its concurrency limit, the request waits in
 *       the group's queue, a retry as well as a first attempt;</li>
 *   <li>otherwise the client gets the last answer unchanged, or the gateway's error for the last failure.</li>
 * </ol>
 */
final class Failover {
  private Failover() {}

  /** Finds the exchange's next endpoint and runs {@code onPicked}, or waits, queues, or answers. */
  static void route(Exchange x, Chain chain, boolean first, Runnable onPicked) {
    for (;;) {
      if (Picker.pick(x, x.route)) {
        onPicked.run();
        return;
      }
      if (first && x.route == x.primary && Picker.blocked(x, x.route).capacity()) {
        Admit.queue(x, chain, true, onPicked);
        return;
      }
      if (!nextGroup(x)) break;
    }
    Picker.Blocked b = blockedAcrossChain(x);
    long now = x.now();
    GroupConfig g = x.primary.group();
    long bound = Math.min(g.queueTimeout().toNanos(), x.primary.policy().deadlineNanos(x.startNanos) - now);
    if (!b.capacity() && b.waitNanos() > 0 && b.waitNanos() <= bound) {
      x.waitThen(b.waitNanos(), () -> {
        restartChain(x);
        route(x, chain, first, onPicked);
      });
      return;
    }
    if (!first && x.chainOwner == x.primary && Picker.blocked(x, x.primary).capacity()) {
      // A retry whose untried endpoints are merely full waits for a slot like a new request would.
      restartChain(x);
      Admit.queue(x, chain, false, onPicked);
      return;
    }
    if (!first) {
      giveUp(x, chain);
      return;
    }
    int retryAfter = b.waitNanos() == Long.MAX_VALUE ? 1 : (int) Math.max(1, Math.min(3600, (b.waitNanos() + 999_999_999L) / 1_000_000_000L));
    if (b.capacity()) x.fail(GatewayError.noCapacity(g.model(), false));
    else if (b.rateLimited()) x.fail(GatewayError.rateLimited(g.model(), retryAfter));
    else x.fail(GatewayError.noHealthyEndpoint(g.model(), retryAfter));
  }

  /** An error response was read whole: relay it, or fail over. */
  static void afterResponse(Exchange x, Chain chain, UpstreamAttempt a, int status, String errorCode) {
    AttemptOutcome outcome = AttemptOutcome.response(status, errorCode);
    if (x.route.policy().classify(outcome, hasContextFallback(x)) == RetryDecision.RETURN) a.commit(true);
    else a.failWithResponse(outcome);
  }

  /**
   * An attempt failed before its commit point. {@code passable}: its error response (held in the exchange)
   * may be given to the client unchanged if nothing better comes of a retry.
   */
  static void afterFailure(Exchange x, Chain chain, AttemptOutcome outcome, Function<String, String> headers,
                           GatewayError error, boolean passable) {
    EndpointState failed = x.endAttempt(outcome, headers);
    x.lastError = error;
    x.lastPassable = passable;
    RetryPolicy policy = x.primary.policy();
    RetryDecision d = x.route.policy().classify(outcome, hasContextFallback(x));
    if (d == RetryDecision.RETURN) {
      giveUp(x, chain);
      return;
    }
    if (d == RetryDecision.FALLBACK_GROUP) {
      String target = AttemptOutcome.CONTEXT_LENGTH_EXCEEDED.equals(outcome.errorCode())
          ? x.route.group().contextFallback() : firstOrNull(x.route.group());
      RoutingTable.Route to = target == null ? null : x.table.resolve(target);
      if (to == null) {
        giveUp(x, chain);
        return;
      }
      x.chainOwner = to;
      x.chainOwnerModel = target;
      x.chainIndex = -1;
      x.useGroup(to, target);
      x.tried.clear();
    } else if (d == RetryDecision.RETRY_ELSEWHERE && failed != null) {
      // A 429'd endpoint is not marked: its cooldown keeps it out exactly as long as it asked.
      x.tried.add(failed);
    }
    long wait = d == RetryDecision.RETRY_ELSEWHERE ? policy.backoffNanos(x.attempts, x.random) : 0;
    if (!policy.mayAttemptAgain(x.attempts, x.startNanos, x.now(), wait)
        || (d != RetryDecision.FALLBACK_GROUP && !x.budget.tryAcquireRetry())) {
      giveUp(x, chain);
      return;
    }
    Runnable next = () -> route(x, chain, false, () -> {
      Route.prepare(x);
      new UpstreamAttempt(x, chain).send();
    });
    if (wait > 0) x.waitThen(wait, next);
    else next.run();
  }

  /** No retry left: the last error answer as it came, or the gateway's error for the last failure. */
  static void giveUp(Exchange x, Chain chain) {
    if (x.lastPassable && x.upstreamResponse != null) chain.proceed();
    else x.fail(x.lastError != null ? x.lastError : GatewayError.noHealthyEndpoint(x.primary.group().model(), 1));
  }

  private static boolean hasContextFallback(Exchange x) { return x.route.group().contextFallback() != null; }

  private static String firstOrNull(GroupConfig g) { return g.fallbacks().isEmpty() ? null : g.fallbacks().getFirst(); }

  /** Moves to the next group of the fallback chain; false at its end. */
  private static boolean nextGroup(Exchange x) {
    var names = x.chainOwner.group().fallbacks();
    while (x.chainIndex + 1 < names.size()) {
      String name = names.get(++x.chainIndex);
      RoutingTable.Route r = x.table.resolve(name);
      if (r != null && r != x.route) {
        x.useGroup(r, name);
        return true;
      }
    }
    return false;
  }

  private static void restartChain(Exchange x) {
    x.chainIndex = -1;
    x.useGroup(x.chainOwner, x.chainOwnerModel);
  }

  private static Picker.Blocked blockedAcrossChain(Exchange x) {
    Picker.Blocked best = Picker.blocked(x, x.chainOwner);
    for (String name : x.chainOwner.group().fallbacks()) {
      RoutingTable.Route r = x.table.resolve(name);
      if (r == null) continue;
      Picker.Blocked b = Picker.blocked(x, r);
      if (b.waitNanos() < best.waitNanos()) best = b;
    }
    return best;
  }
}
