package io.switchboard.bench.jmh;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.Strategies;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision (filter by capacity, pick, take and give back the slot) over a group of endpoints:
 * the part of the hot path that the routing core owns. Run: {@code ./switchboard bench jmh Routing}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {
  @Param({"16"})
  int endpoints;

  @Param({"round-robin", "least-outstanding", "power-of-two", "vllm-dp"})
  String strategy;

  private GroupRouter router;
  private final RouteRequest request = RouteRequest.of("m", 1000, 200);

  @Setup
  public void setup() {
    List<EndpointState> eps = new ArrayList<>();
    var random = new SplittableRandom(42);
    for (int i = 0; i < endpoints; i++) {
      var e = new EndpointState("ep-" + i, new EndpointLimits(1, 1_000_000));
      for (int k = random.nextInt(8); k > 0; k--) e.tryAcquire(100);
      eps.add(e);
    }
    router = new GroupRouter("g", eps, Strategies.create(strategy, random), new AdmissionQueue(0));
  }

  @Benchmark
  public EndpointState route() {
    EndpointState e = router.tryRoute(request);
    e.release(request.expectedTokens());
    return e;
  }
}
