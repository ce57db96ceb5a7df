package io.switchboard.core.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.RouteRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * nginx's smooth weighted round-robin: every pick adds each candidate's weight to its running score, takes
 * the highest score and subtracts the total weight from it. Weights 5, 1, 1 give {@code a a b a c a a}
 * rather than {@code a a a a a b c}: the heavy endpoint's turns are spread out.
 *
 * <p>The scores are an immutable map swapped by compare-and-set; the next map is computed purely from the
 * previous one, so a lost race just recomputes.
 */
public final class SmoothWeightedRoundRobin implements LoadBalancer {
  @Override
  public boolean readsPrompt() { return false; }

  private final AtomicReference<Map<String, Long>> scores = new AtomicReference<>(Map.of());

  @Override
  public EndpointState pick(List<EndpointState> candidates, RouteRequest request) {
    for (;;) {
      Map<String, Long> before = scores.get();
      Map<String, Long> after = new HashMap<>(candidates.size() * 2);
      long total = 0;
      EndpointState best = null;
      long bestScore = Long.MIN_VALUE;
      for (EndpointState e : candidates) {
        int w = e.limits().weight();
        long s = before.getOrDefault(e.id(), 0L) + w;
        total += w;
        after.put(e.id(), s);
        if (s > bestScore) {
          bestScore = s;
          best = e;
        }
      }
      after.put(best.id(), bestScore - total);
      // Keep the scores of endpoints that are momentarily full, so they resume where they left off.
      before.forEach(after::putIfAbsent);
      if (scores.compareAndSet(before, Map.copyOf(after))) return best;
    }
  }
}
