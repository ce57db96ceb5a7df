package io.switchboard.core.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.Strategies;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixOnlyStrategyTest {
  private static RouteRequest request(int group, int question) {
    int[] t = new int[64];
    for (int i = 0; i < 48; i++) t[i] = group * 1000 + i;
    for (int i = 48; i < 64; i++) t[i] = question * 31 + i + 500_000;
    return RouteRequest.of("m", 64, 10).withBlockHashes(BlockHashes.ofTokens(t, 16));
  }

  private static List<EndpointState> endpoints() {
    return List.of(new EndpointState("a", EndpointLimits.DEFAULT), new EndpointState("b", EndpointLimits.DEFAULT),
        new EndpointState("c", EndpointLimits.DEFAULT));
  }

  @Test
  void prefixOnly_isRegisteredByName() {
    assertThat(Strategies.NAMES).contains(Strategies.PREFIX_ONLY);
  }

  @Test
  void prefixOnly_oneSharedPrompt_sendsEveryRequestToOneEndpoint_evenWhenLoaded() {
    var eps = endpoints();
    var lb = Strategies.create("prefix-only", new SplittableRandom(1), PrefixIndexes.uniform(16, 1 << 20));
    EndpointState first = lb.pick(eps, request(1, 0));
    for (int q = 1; q < 50; q++) {
      EndpointState e = lb.pick(eps, request(1, q));
      e.tryAcquire(0); // load piles up; prefix-only does not care
      assertThat(e).isSameAs(first);
    }
  }

  @Test
  void prefixOnly_distinctGroups_followTheirOwnPrefixes() {
    var eps = endpoints();
    var lb = Strategies.create("prefix-only", new SplittableRandom(2), PrefixIndexes.uniform(16, 1 << 20));
    var homes = new EndpointState[5];
    for (int g = 0; g < 5; g++) homes[g] = lb.pick(eps, request(g, 0));
    for (int round = 1; round < 5; round++) {
      for (int g = 0; g < 5; g++) assertThat(lb.pick(eps, request(g, round))).isSameAs(homes[g]);
    }
  }

  @Test
  void routeRequest_fiveArgumentConstructor_carriesNoHashes() {
    assertThat(new RouteRequest("m", 1, 1, 0, 0).blockHashes()).isSameAs(BlockHashes.NONE);
  }
}
