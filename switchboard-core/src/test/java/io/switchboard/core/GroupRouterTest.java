package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupRouterTest {
  private static final RouteRequest REQ = RouteRequest.of("m", 100, 10);

  private static GroupRouter router(int queueCapacity, EndpointState... eps) {
    return new GroupRouter("g", List.of(eps), Strategies.create("round-robin", new SplittableRandom(1)),
        new AdmissionQueue(queueCapacity));
  }

  @Test
  void tryRoute_neverExceedsAnEndpointsConcurrencyLimit() {
    var a = new EndpointState("a", new EndpointLimits(1, 2));
    var b = new EndpointState("b", new EndpointLimits(1, 1));
    var r = router(0, a, b);
    List<EndpointState> got = new ArrayList<>();
    for (int i = 0; i < 5; i++) got.add(r.tryRoute(REQ));
    assertThat(got).filteredOn(x -> x == a).hasSize(2);
    assertThat(got).filteredOn(x -> x == b).hasSize(1);
    assertThat(got.subList(3, 5)).containsOnlyNulls();
    assertThat(a.tokensInFlight()).isEqualTo(2 * REQ.expectedTokens());
  }

  @Test
  void tryRoute_skipsEndpointsTheCallerExcludes() {
    var a = new EndpointState("a", EndpointLimits.DEFAULT);
    var b = new EndpointState("b", EndpointLimits.DEFAULT);
    var r = router(0, a, b);
    for (int i = 0; i < 4; i++) assertThat(r.tryRoute(REQ, e -> e != a)).isSameAs(b);
  }

  @Test
  void route_withAPlainStrategy_namesTheStrategyAsConfigured() {
    var r = router(0, new EndpointState("a", EndpointLimits.DEFAULT));
    assertThat(r.route(REQ, e -> true, true).receipt().compact()).startsWith("round-robin pick=a");
  }
}
