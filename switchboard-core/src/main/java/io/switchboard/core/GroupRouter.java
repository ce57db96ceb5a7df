package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Routes the requests of one model group: keeps the members that can take a request now, lets the
 * strategy choose, and reserves a concurrency slot on the choice. Immutable: a config reload builds a new
 * router (sharing the {@link EndpointState}s, whose counters outlive reloads) and swaps it in whole.
 */
public final class GroupRouter {
  private static final int MAX_RACES = 8;
  private final String name;
  private final List<EndpointState> members;
  private final LoadBalancer balancer;
  private final AdmissionQueue queue;
  /**
   * A plain strategy's receipt when every member was open, per picked member (built on first use, then
   * shared): the usual case, so a round-robin request builds no receipt and no receipt text of its own.
   */
  private final RoutingReceipt[] allOpenReceipts;

  public GroupRouter(String name, List<EndpointState> members, LoadBalancer balancer, AdmissionQueue queue) {
    this.name = Objects.requireNonNull(name, "name");
    this.members = List.copyOf(members);
    this.balancer = Objects.requireNonNull(balancer, "balancer");
    this.queue = Objects.requireNonNull(queue, "queue");
    if (this.members.isEmpty()) throw new IllegalArgumentException("group '" + name + "' has no endpoints");
    this.allOpenReceipts = new RoutingReceipt[this.members.size()];
  }

  public String name() { return name; }

  public List<EndpointState> members() { return members; }

  public AdmissionQueue queue() { return queue; }

  /** Whether this group's policy reads the prompt (see {@link LoadBalancer#readsPrompt()}). */
  public boolean readsPrompt() { return balancer.readsPrompt(); }

  /**
   * Chooses an endpoint among those {@code eligible} accepts and takes a slot on it, or returns null when
   * every eligible member is at its concurrency limit (or the policy's filters leave none). The caller must
   * {@link EndpointState#release} the slot when the request ends. Nothing is reported back to the policy; use
   * {@link #route} for that.
   */
  public EndpointState tryRoute(RouteRequest request, Predicate<EndpointState> eligible) {
    RouteDecision d = decide(request, eligible, false, false);
    return d == null ? null : d.endpoint();
  }

  /**
   * As {@link #tryRoute(RouteRequest, Predicate)}, returning the decision: its receipt when {@code explain}
   * (otherwise none is built), the predicted TTFT, and the way to report the first token and the end
   * ({@link RouteDecision#firstToken}, {@link RouteDecision#finished}), which the caller must do so that
   * learned signals stay right. The caller still releases the slot on the endpoint.
   */
  public RouteDecision route(RouteRequest request, Predicate<EndpointState> eligible, boolean explain) {
    return decide(request, eligible, explain, true);
  }

  /** Whether any member has a free concurrency slot now. */
  public boolean anyCapacity() {
    for (EndpointState e : members) if (e.hasCapacity()) return true;
    return false;
  }

  /**
   * Whether {@code request}'s latency objectives (TTFT, TPOT) can be met now: true when it sets none, when the
   * policy predicts no latency, when no eligible member has a free slot (that is a capacity question, not an
   * objective one), or when the policy predicts that one eligible member with a free slot meets all of them.
   */
  public boolean objectiveReachable(RouteRequest request, Predicate<EndpointState> eligible) {
    if (!request.hasObjective() || !(balancer instanceof DecidingBalancer deciding)) return true;
    List<EndpointState> open = new ArrayList<>(members.size());
    for (EndpointState e : members) {
      if (e.hasCapacity() && eligible.test(e)) open.add(e);
    }
    return open.isEmpty() || deciding.objectivesPredictedMet(open, request);
  }

  private RouteDecision decide(RouteRequest request, Predicate<EndpointState> eligible, boolean explain, boolean tracked) {
    long tokens = request.expectedTokens();
    for (int race = 0; race < MAX_RACES; race++) {
      List<EndpointState> open = new ArrayList<>(members.size());
      for (EndpointState e : members) {
        if (e.hasCapacity() && eligible.test(e)) open.add(e);
      }
      if (open.isEmpty()) return null;
      if (balancer instanceof DecidingBalancer deciding) {
        RouteDecision d = deciding.decide(open, request, explain);
        if (d == null) return null;
        if (d.endpoint().tryAcquire(tokens)) {
          deciding.commit(d, tracked);
          return d;
        }
      } else {
        EndpointState choice = balancer.pick(open, request);
        if (choice == null) return null;
        if (choice.tryAcquire(tokens)) {
          if (!explain) return RouteDecision.plain(choice, request);
          return new RouteDecision(choice, request, strategyReceipt(open, choice), Double.NaN, null, null);
        }
      }
      // Another thread took the last slot between the filter and the acquire: look again.
    }
    return null;
  }

  private RoutingReceipt strategyReceipt(List<EndpointState> open, EndpointState choice) {
    if (open.size() != members.size()) return buildStrategyReceipt(open, choice);
    int i = open.indexOf(choice);
    RoutingReceipt r = allOpenReceipts[i];
    if (r == null) allOpenReceipts[i] = r = buildStrategyReceipt(open, choice);
    return r;
  }

  private RoutingReceipt buildStrategyReceipt(List<EndpointState> open, EndpointState choice) {
    List<String> ids = new ArrayList<>(open.size());
    for (EndpointState e : open) ids.add(e.id());
    return new RoutingReceipt(balancer.name(), List.copyOf(ids), members.size() - open.size(), List.of(),
        new double[0][], new double[open.size()], open.indexOf(choice), RoutingReceipt.Reason.STRATEGY, Double.NaN);
  }

  public EndpointState tryRoute(RouteRequest request) { return tryRoute(request, e -> true); }

  /**
   * Hands freed capacity to waiting requests in queue order (see {@link AdmissionQueue}), each routed by
   * {@link #route} with its own filter, until the queue is empty or every member is full again. Call after any
   * member released a slot, after a request was queued, and when predictions may have improved (a first token)
   * while requests are held for their objective.
   */
  public void drainQueue() { queue.drain(this); }
}
