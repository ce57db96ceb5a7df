package io.switchboard.core;

import java.util.List;

/**
 * A {@link LoadBalancer} that explains itself and learns from outcomes: it returns a {@link RouteDecision}
 * (with a receipt when asked), is told when the decision took its slot, and hears back through the decision.
 */
public interface DecidingBalancer extends LoadBalancer {

  /**
   * Chooses among {@code candidates} (all with free capacity), or returns null when the policy's filters
   * leave none. Must not change learned state: the caller may lose the slot race and ask again.
   */
  RouteDecision decide(List<EndpointState> candidates, RouteRequest request, boolean explain);

  /**
   * The decision now holds its slot. {@code tracked} says whether the caller will report the first token and
   * the end through the decision; untracked decisions must not leave anything waiting for a report.
   */
  void commit(RouteDecision decision, boolean tracked);

  /**
   * The lowest time to first token this policy predicts for {@code request} among the {@code candidates} its
   * filters keep, in nanoseconds; NaN when it predicts none (then no objective is enforced). Changes no state.
   */
  default double bestPredictedTtftNanos(List<EndpointState> candidates, RouteRequest request) { return Double.NaN; }

  @Override
  default EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    RouteDecision d = decide(candidates, request, false);
    return d == null ? null : d.endpoint();
  }
}
