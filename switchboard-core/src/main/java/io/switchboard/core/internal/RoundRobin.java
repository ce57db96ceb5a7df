package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Takes candidates in turn; one shared cursor, so concurrent callers still spread evenly. */
public final class RoundRobin implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private final AtomicLong cursor = new AtomicLong();

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    return candidates.get((int) Math.floorMod(cursor.getAndIncrement(), (long) candidates.size()));
  }
}
