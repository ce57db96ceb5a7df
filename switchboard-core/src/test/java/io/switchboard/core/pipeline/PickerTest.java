package io.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EngineSnapshot;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.RoutingReceipt.Reason;
import io.switchboard.core.pipeline.PipelineSpec.ScorerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PickerTest {
  private static final RouteRequest REQ = RouteRequest.of("m", 100, 10);

  private static PipelineSpec spec(String picker, Map<String, String> params, ScorerSpec... scorers) {
    return new PipelineSpec("t", List.of("available"), List.of(scorers), picker, params);
  }

  @Test
  void max_equalScores_spreadUniformlyInsteadOfHerding() {
    // No scorers: every total is 0, so only the tie-break decides. A first-wins tie-break would send all 800 to ep-0.
    var f = new Fixture(4, spec("max", Map.of()));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 800; i++) {
      var d = f.route(REQ);
      counts.merge(d.endpoint().id(), 1, Integer::sum);
      assertThat(d.receipt().reason()).isEqualTo(Reason.TIE_BREAK);
      d.endpoint().release(REQ.expectedTokens());
    }
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(150, 250));
  }

  @Test
  void max_staleEngineScrape_burstStillSpreads() {
    // Every engine reported idle at the last scrape; a burst of 40 arrives before the next one. Counting what was
    // sent since the scrape as waiting spreads the burst instead of sending it all to the first best endpoint.
    var f = new Fixture(4, spec("max", Map.of(), new ScorerSpec("engine-state", 1)));
    for (var e : f.endpoints) e.updateEngine(new EngineSnapshot(0, 0, 0, 0, e.dispatched(), e.outstanding()));
    assertThat(f.burst(REQ, 40).values()).containsOnly(10);
  }

  @Test
  void max_epsilon_sendsThatShareToNonBestEndpoints() {
    var f = new Fixture(2, spec("max", Map.of("epsilon", "0.1"), new ScorerSpec("least-outstanding", 1)));
    f.ep(0).tryAcquire(1);
    f.ep(0).tryAcquire(1); // ep-1 is always best
    int explored = 0;
    for (int i = 0; i < 2000; i++) {
      var d = f.route(REQ);
      if (d.endpoint() == f.ep(0)) {
        explored++;
        assertThat(d.receipt().reason()).isEqualTo(Reason.EXPLORED);
      }
      d.endpoint().release(REQ.expectedTokens());
    }
    assertThat(explored).isBetween(140, 260);
    assertThat(f.pipeline.count(Reason.EXPLORED)).isEqualTo(explored);
  }

  @Test
  void softmax_highTemperature_spreadsLowTemperature_concentrates() {
    var hot = new Fixture(2, spec("softmax", Map.of("temperature", "100"), new ScorerSpec("least-outstanding", 1)));
    var cold = new Fixture(2, spec("softmax", Map.of("temperature", "0.01"), new ScorerSpec("least-outstanding", 1)));
    int hotToBusy = 0, coldToBusy = 0;
    for (var f : List.of(hot, cold)) for (int k = 0; k < 3; k++) f.ep(0).tryAcquire(1);
    for (int i = 0; i < 1000; i++) {
      var a = hot.route(REQ);
      if (a.endpoint() == hot.ep(0)) hotToBusy++;
      a.endpoint().release(REQ.expectedTokens());
      var b = cold.route(REQ);
      if (b.endpoint() == cold.ep(0)) coldToBusy++;
      b.endpoint().release(REQ.expectedTokens());
    }
    assertThat(hotToBusy).isBetween(400, 600);
    assertThat(coldToBusy).isLessThan(5);
  }

  @Test
  void weighted_noScorers_splitsByEndpointWeight() {
    var f = new Fixture(2, spec("weighted", Map.of()));
    f.ep(0).updateLimits(new EndpointLimits(9, 1000));
    int canary = 0;
    for (int i = 0; i < 5000; i++) {
      var d = f.route(REQ);
      if (d.endpoint() == f.ep(1)) canary++;
      d.endpoint().release(REQ.expectedTokens());
    }
    assertThat(canary).isBetween(400, 600);
  }

  @Test
  void weighted_sticky_keepsOneUserOnOneSide() {
    var f = new Fixture(2, spec("weighted", Map.of("sticky", "true")));
    for (long user = 1; user <= 50; user++) {
      var r = new RouteRequest("m", 10, 10, user, 0);
      var first = f.route(r).endpoint();
      for (int i = 0; i < 5; i++) assertThat(f.route(r).endpoint()).isSameAs(first);
    }
  }
}
