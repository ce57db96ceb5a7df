package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Samples two distinct candidates and keeps the one with fewer outstanding requests (Mitzenmacher, "The
 * Power of Two Choices in Randomized Load Balancing", 2001): nearly the balance of least-outstanding
 * without every router converging on the same minimum.
 */
public final class PowerOfTwoChoices implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private final RandomGenerator random;

  public PowerOfTwoChoices(RandomGenerator random) { this.random = random; }

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    int n = candidates.size();
    if (n == 1) return candidates.getFirst();
    int i = random.nextInt(n);
    int j = random.nextInt(n - 1);
    if (j >= i) j++;
    EndpointState a = candidates.get(i);
    EndpointState b = candidates.get(j);
    int la = a.outstanding();
    int lb = b.outstanding();
    if (la != lb) return la < lb ? a : b;
    return random.nextBoolean() ? a : b;
  }
}
