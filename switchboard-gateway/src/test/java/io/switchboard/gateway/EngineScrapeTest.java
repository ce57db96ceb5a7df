package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.EndpointState;
import io.switchboard.core.EngineSnapshot;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EngineMetricsConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.core.prefix.PrefixIndexes;
import io.switchboard.gateway.routing.RoutingTable;
import io.switchboard.sim.Engines;
import io.switchboard.sim.FixedSpeedEngine;
import io.switchboard.sim.server.SimServer;
import io.switchboard.sim.server.SimCluster;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scraping the simulator's vLLM-style {@code /metrics} into the endpoint's engine snapshot. */
class EngineScrapeTest {
  private Vertx vertx;
  private Vertx simVertx;
  private SimCluster sims;
  private GatewayHarness gw;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    // The simulator on its own event loops, as a real engine would be: the gateway's load cannot delay its answers.
    simVertx = Vertx.vertx();
    sims = SimCluster.start(simVertx, 1, 0, SimServerOptions.defaults()
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 5))).await();
    var e = endpoint("sim-0", sims.server(0).baseUrl(), 8, GatewayHarness.FAST)
        .withMetrics(new EngineMetricsConfig("/metrics", Duration.ofMillis(100), Duration.ofSeconds(2)));
    gw = new GatewayHarness(vertx, config(AuthConfig.OPEN, List.of(e), List.of(
        new GroupConfig("m", List.of("sim-0"), "vllm-dp", 8, Duration.ofSeconds(5)))));
  }

  @AfterEach
  void tearDown() {
    gw.close();
    sims.close().otherwiseEmpty().await();
    simVertx.close().await();
    vertx.close().await();
  }

  private EndpointState state() { return gw.states.get("sim-0"); }

  @Test
  void scrape_ofARunningRequest_showsItRunning_stampedWithWhatWasDispatched() throws Exception {
    var body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"max_tokens\":400}";
    var running = gw.http.sendAsync(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    await().until(() -> state().outstanding() == 1);
    await().until(() -> state().engine().running() == 1);
    EngineSnapshot s = state().engine();
    assertThat(s.known()).isTrue();
    assertThat(s.dispatchedAtScrape()).isEqualTo(1);
    assertThat(s.outstandingAtScrape()).isEqualTo(1);
    assertThat(s.kvCacheUsage()).isBetween(0.0, 1.0);
    assertThat(running.get().statusCode()).isEqualTo(200);
    await().until(() -> state().engine().running() == 0);
  }

  @Test
  void failedScrape_keepsTheLastSnapshot_andMarksItStale() throws Exception {
    await().until(() -> state().engine().known());
    assertThat(metrics()).contains("switchboard_engine_scrape_stale{endpoint=\"sim-0\"} 0.0");
    sims.server(0).close().await();
    await().until(() -> metrics().contains("switchboard_engine_scrape_stale{endpoint=\"sim-0\"} 1.0"));
    EngineSnapshot kept = state().engine();
    assertThat(kept.known()).isTrue();
    // Still the last good scrape: nothing replaced it.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> state().engine() == kept);
    assertThat(metrics()).containsPattern("switchboard_engine_scrape_failures_total\\{endpoint=\"sim-0\"} [1-9]");
  }

  @Test
  void scrape_ofAnEngineThatStatesItsKvCache_sizesTheEndpointsPrefixIndexToIt() {
    // A calibrated A100-40GB replica: 9,420 blocks of 16 tokens, a third of the H100 every index starts from.
    SimServer a100 = SimServer.start(simVertx, SimServerOptions.defaults().withEngineFactory(Engines.forGpu("a100-40"))).await();
    try {
      var prefixes = gw.states.signals().prefixes();
      int h100Blocks = (int) (PrefixIndexes.DEFAULT_KV_TOKENS * RoutingTable.Registry.CHARS_PER_TOKEN / prefixes.blockSize());
      assertThat(prefixes.of("a100").capacityBlocks()).isEqualTo(h100Blocks); // before the endpoint is scraped
      var e = endpoint("a100", a100.baseUrl(), 8, GatewayHarness.FAST)
          .withMetrics(new EngineMetricsConfig("/metrics", Duration.ofMillis(100), Duration.ofSeconds(2)));
      gw.load(config(AuthConfig.OPEN, List.of(e), List.of(new GroupConfig("m", List.of("a100"), "smart", 8, Duration.ofSeconds(5)))));
      int a100Blocks = (int) (9_420L * 16 * RoutingTable.Registry.CHARS_PER_TOKEN / prefixes.blockSize());
      await().until(() -> prefixes.of("a100").capacityBlocks() == a100Blocks);
    } finally {
      a100.close().await();
    }
  }

  private String metrics() throws Exception { return gw.send("GET", "/metrics", null).body(); }
}
