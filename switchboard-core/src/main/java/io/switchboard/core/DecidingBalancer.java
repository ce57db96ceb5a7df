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
   * Whether this policy predicts that some candidate its filters keep meets every latency objective
   * {@code request} sets (TTFT and TPOT, each against the same endpoint). True when the policy predicts no
   * latency, so that no objective is enforced, and when its filters keep no candidate (routing will say so).
   * Changes no state.
   */
  default boolean objectivesPredictedMet(List<EndpointState> candidates, RouteRequest request) { return true; }

  @Override
  default EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    RouteDecision d = decide(candidates, request, false);
    return d == null ? null : d.endpoint();
  }
}
