package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.EngineSnapshot;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * vLLM's data-parallel load score, {@code 4 x waiting + running}, from the last engine scrape. Like vLLM's
 * DP coordinator, requests sent since the scrape count as waiting, so a stale scrape does not send a
 * whole interval's traffic to one engine. Endpoints never scraped fall back to outstanding requests.
 */
public final class VllmDpScore implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private final RandomGenerator random;

  public VllmDpScore(RandomGenerator random) { this.random = random; }

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    return Ties.minBy(candidates, VllmDpScore::score, random);
  }

  static double score(EndpointState e) {
    EngineSnapshot s = e.engine();
    if (!s.known()) return 4.0 * e.outstanding();
    long sentSince = Math.max(0, e.dispatched() - s.dispatchedAtScrape());
    return 4.0 * (s.waiting() + sentSince) + s.running();
  }
}
