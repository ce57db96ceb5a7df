package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.resilience.EndpointGuard;
import io.switchboard.core.resilience.EndpointGuard.Availability;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.routing.RoutingTable;

/**
 * Chooses an endpoint of one group for the exchange's next attempt, with every endpoint's guard in the
 * filter: first among endpoints that are fully available (a slow-starting endpoint passes with the
 * probability of its weight factor, which scales its share of traffic), then among those its provider's
 * budget says to avoid. Endpoints already tried by this request are never chosen again. On the choice it
 * takes the concurrency slot (the router) and the guard's admission (breaker permission, RPM/TPM budget).
 */
final class Picker {
  /** Why a group could not take the request now, and until when. */
  record Blocked(boolean capacity, long waitNanos, boolean rateLimited) {
    static final Blocked NEVER = new Blocked(false, Long.MAX_VALUE, false);
  }

  private Picker() {}

  /** Takes a slot and the guard's admission on an endpoint of {@code route}; false when none can take it. */
  static boolean pick(Exchange x, RoutingTable.Route route) {
    GroupRouter router = route.router();
    for (int pass = 0; pass < 2; pass++) {
      boolean steer = pass == 1;
      for (int race = 0; race < 4; race++) {
        RouteDecision d = router.route(x.routeRequest, s -> eligible(x, s, steer), true);
        if (d == null) break;
        EndpointState e = d.endpoint();
        if (admit(x, e)) {
          x.routed(d);
          return true;
        }
        d.finished(0, 0, false); // never sent: the policy forgets it
        x.tried.add(e);
      }
    }
    return false;
  }

  /** Takes the guard's admission on {@code e}, whose slot is held; on refusal gives the slot back. */
  static boolean admit(Exchange x, EndpointState e) {
    EndpointConfig ec = x.table.endpoint(e.id());
    EndpointGuard g = ec == null ? null : x.shared.guards.guard(ec);
    if (g != null && g.tryAdmit(x.budgetTokens) == 0) {
      x.useEndpoint(e, g, x.budgetTokens);
      return true;
    }
    e.release(x.routeRequest.expectedTokens());
    x.shared.drainer.afterRelease(x.table, e);
    return false;
  }

  /** Whether the exchange may go to {@code s} now; also the admission queue's filter. */
  static boolean eligible(Exchange x, EndpointState s, boolean allowSteerAway) {
    if (x.tried.contains(s)) return false;
    EndpointConfig ec = x.table.endpoint(s.id());
    if (ec == null) return false;
    Guards.Entry entry = x.shared.guards.entry(ec);
    if (!entry.healthy) return false;
    Availability a = entry.guard.availability(x.budgetTokens);
    if (a == Availability.UNAVAILABLE) return false;
    if (a == Availability.STEER_AWAY) return allowSteerAway;
    double factor = entry.guard.weightFactor();
    return factor >= 1.0 || allowSteerAway || x.random.nextDouble() < factor;
  }

  /**
   * Why no endpoint of {@code route} could be picked: some untried endpoint would take it but is at its
   * concurrency limit (queue it), or the earliest time one comes back from a 429 cooldown, its RPM/TPM budget
   * or an open breaker.
   */
  static Blocked blocked(Exchange x, RoutingTable.Route route) {
    long tokens = x.budgetTokens;
    long best = Long.MAX_VALUE;
    boolean rate = false;
    long now = x.now();
    for (EndpointState s : route.router().members()) {
      if (x.tried.contains(s)) continue;
      EndpointConfig ec = x.table.endpoint(s.id());
      if (ec == null) continue;
      Guards.Entry entry = x.shared.guards.entry(ec);
      if (!entry.healthy) continue;
      EndpointGuard g = entry.guard;
      if (g.availability(tokens) != Availability.UNAVAILABLE) return new Blocked(true, 0, false);
      long rateWait = Math.max(g.cooldown().remainingNanos(), g.usage().waitNanos(tokens));
      long open = g.breaker().openUntilNanos();
      long breakerWait = open == Long.MIN_VALUE ? (g.breaker().isCallPermitted() ? 0 : Long.MAX_VALUE) : Math.max(0, open - now);
      long wait = Math.max(rateWait, breakerWait);
      if (wait < best) {
        best = wait;
        rate = rateWait >= breakerWait;
      }
    }
    return best == Long.MAX_VALUE ? Blocked.NEVER : new Blocked(false, best, rate);
  }
}
