package io.switchboard.bench.jmh;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.Strategies;
import io.switchboard.core.pipeline.Signals;
import io.switchboard.core.prefix.BlockHashes;
import io.switchboard.core.prefix.PrefixIndexes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One routing decision (filter by capacity, pick, take and give back the slot) over a group of endpoints:
 * the part of the hot path that the routing core owns. Run: {@code ./switchboard bench jmh Routing}.
 *
 * <p>Pipeline policies ({@code smart}) route a 4,000-token prompt hashed in 64-token blocks (62 blocks), whose
 * first 2,000 tokens are a prefix every endpoint's index holds, and report the first token and the end, as the
 * gateway would; so the decision includes the prefix lookups on all endpoints, every scorer, the receipt-free
 * pick and the learning.
 */
public class RoutingBenchmark extends AverageNanos {
  @Param({"16"})
  int endpoints;

  @Param({"round-robin", "least-outstanding", "power-of-two", "vllm-dp", "smart"})
  String strategy;

  private GroupRouter router;
  private RouteRequest request = RouteRequest.of("m", 1000, 200);

  @Setup
  public void setup() {
    List<EndpointState> eps = new ArrayList<>();
    var random = new SplittableRandom(42);
    for (int i = 0; i < endpoints; i++) {
      var e = new EndpointState("ep-" + i, new EndpointLimits(1, 1_000_000));
      for (int k = random.nextInt(8); k > 0; k--) e.tryAcquire(100);
      eps.add(e);
    }
    var signals = new Signals(PrefixIndexes.uniform(64, 444_160));
    int[] prompt = new int[4000];
    for (int i = 0; i < prompt.length; i++) prompt[i] = i < 2000 ? i : random.nextInt(128_000);
    BlockHashes hashes = BlockHashes.ofTokens(prompt, 64);
    BlockHashes shared = BlockHashes.ofTokens(java.util.Arrays.copyOf(prompt, 2000), 64);
    for (EndpointState e : eps) signals.prefixes().of(e).record(shared);
    request = RouteRequest.of("m", prompt.length, 200).withBlockHashes(hashes);
    router = new GroupRouter("g", eps, Strategies.create(strategy, random, signals), new AdmissionQueue(0));
  }

  @Benchmark
  public EndpointState route() {
    RouteDecision d = router.route(request, e -> true, false);
    d.firstToken(50_000_000L);
    d.finished(200, 1_000_000_000L, true);
    EndpointState e = d.endpoint();
    e.release(request.expectedTokens());
    return e;
  }
}
