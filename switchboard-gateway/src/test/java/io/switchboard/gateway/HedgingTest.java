package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.Strategies;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.HedgeConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hedged requests against two simulated replicas behind a round-robin group: the first attempt goes to sim-0,
 * whose first token is made slow, so the hedge sent to sim-1 after the hedge delay wins.
 */
class HedgingTest extends SimGatewayTest {
  HedgingTest() { super(2); }

  private static final Timeouts PATIENT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
      Duration.ofSeconds(5), Duration.ofSeconds(20));

  private void gateway(HedgeConfig hedge) { gateway(hedge, PATIENT); }

  private void gateway(HedgeConfig hedge, Timeouts first) {
    List<EndpointConfig> eps = List.of(
        new EndpointConfig("sim-0", URI.create(sims.server(0).baseUrl() + "/v1"), "openai", null, Map.of(), 1, 8, first),
        new EndpointConfig("sim-1", URI.create(sims.server(1).baseUrl() + "/v1"), "openai", null, Map.of(), 1, 8, PATIENT));
    GroupConfig g = new GroupConfig("m", List.of("sim-0", "sim-1"), Strategies.ROUND_ROBIN, 8, Duration.ofSeconds(5), io.switchboard.gateway.config.RetryConfig.DEFAULT,
        List.of(), null, io.switchboard.gateway.config.StreamConfig.DEFAULT, hedge);
    gw = new GatewayHarness(vertx, new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 1 << 20, null),
        AuthConfig.OPEN, eps, List.of(g)));
  }

  private HttpResponse<String> chat(boolean stream) throws Exception {
    return gw.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],"
        + "\"stream\":" + stream + ",\"max_tokens\":4}");
  }

  private void slowFirstToken() {
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.SLOW_FIRST_TOKEN, 1).withSlowFirstTokenMillis(5_000));
  }

  private static void assertHedgeWon(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("sim-1");
    // The slow first attempt and the hedge: two attempts.
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("2");
  }

  @Test
  void slowFirstToken_stream_theHedgeOnTheOtherReplicaWins_andTheSlowAttemptIsCancelled() throws Exception {
    gateway(new HedgeConfig(Duration.ofMillis(100), 1.0));
    slowFirstToken();
    HttpResponse<String> r = chat(true);
    assertHedgeWon(r);
    assertThat(r.body()).contains("\"content\"").endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
    assertThat(sims.server(0).counters().received()).isEqualTo(1);
    assertThat(sims.server(1).counters().received()).isEqualTo(1);
    // The loser was cancelled upstream, not left to generate.
    await().until(() -> sims.server(0).counters().inFlight() == 0);
    assertThat(gw.registry.scrape()).contains("switchboard_hedges_total{outcome=\"won\"} 1.0");
  }

  @Test
  void slowFirstToken_plain_theHedgeWinsWithTheWholeAnswer() throws Exception {
    gateway(new HedgeConfig(Duration.ofMillis(100), 1.0));
    slowFirstToken();
    HttpResponse<String> r = chat(false);
    assertHedgeWon(r);
    assertThat(r.body()).contains("\"usage\"");
    await().until(() -> sims.server(0).counters().inFlight() == 0);
  }

  @Test
  void firstAttemptFailingWhileTheHedgeRuns_theHedgeCarriesOn_withoutAThirdAttempt() throws Exception {
    // sim-0 never answers and times out after 1 s; the hedge on sim-1 gets its first token after 1.5 s.
    gateway(new HedgeConfig(Duration.ofMillis(100), 1.0), new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(20)));
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.NO_RESPONSE, 1));
    sims.server(1).faults().set(Faults.none().withNext(FaultKind.SLOW_FIRST_TOKEN, 1).withSlowFirstTokenMillis(1_500));
    HttpResponse<String> r = chat(true);
    assertHedgeWon(r);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    // Had the failover retried sim-0's timeout itself, sim-1 would have seen a second request.
    assertThat(sims.server(1).counters().received()).isEqualTo(1);
    await().until(() -> sims.server(0).counters().inFlight() == 0);
  }

  @Test
  void fastFirstToken_sendsNoHedge() throws Exception {
    gateway(new HedgeConfig(Duration.ofSeconds(5), 1.0));
    HttpResponse<String> r = chat(true);
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("1");
    assertThat(sims.server(0).counters().received() + sims.server(1).counters().received()).isEqualTo(1);
  }

  @Test
  void hedgesBeyondTheMaxShare_areNotSent() throws Exception {
    // One request in the window allows 0.1 hedges: none.
    gateway(new HedgeConfig(Duration.ofMillis(100), 0.1));
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.SLOW_FIRST_TOKEN, 1).withSlowFirstTokenMillis(500));
    HttpResponse<String> r = chat(true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("sim-0");
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("1");
    assertThat(sims.server(1).counters().received()).isZero();
    assertThat(gw.registry.scrape()).contains("switchboard_hedges_total{outcome=\"denied\"} 1.0");
  }
}
