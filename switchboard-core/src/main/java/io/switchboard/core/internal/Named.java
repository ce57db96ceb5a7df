package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.List;

/** A strategy under the name it was configured by, so receipts say {@code round-robin}, not a class name. */
public record Named(String name, LoadBalancer strategy) implements LoadBalancer {
  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    return strategy.pick(candidates, request);
  }

  @Override
  public boolean readsPrompt() { return strategy.readsPrompt(); }
}
