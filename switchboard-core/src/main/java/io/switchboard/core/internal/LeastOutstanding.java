package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/** The candidate with the fewest requests in flight from this router; ties broken at random. */
public final class LeastOutstanding implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private final RandomGenerator random;

  public LeastOutstanding(RandomGenerator random) { this.random = random; }

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    return Ties.minBy(candidates, EndpointState::outstanding, random);
  }
}
