package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/** A uniformly random candidate. */
public final class RandomPick implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private final RandomGenerator random;

  public RandomPick(RandomGenerator random) { this.random = random; }

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    return candidates.get(random.nextInt(candidates.size()));
  }
}
