package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.Strategies;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.RetryConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.sim.FixedSpeedEngine;
import io.switchboard.sim.server.SimServer;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code retry.content_policy}: an endpoint that refuses a prompt with a content-filter 400 (Azure OpenAI's
 * shape) either has its refusal passed through unchanged (the default) or the request goes to the group's
 * fallback group, a simulator.
 */
class ContentPolicyTest {
  private static final String REFUSAL = "{\"error\":{\"message\":\"The response was filtered\",\"type\":null,"
      + "\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400}}";

  private Vertx vertx;
  private SimServer sim;
  private TestUpstream filtered;
  private GatewayHarness gw;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    sim = SimServer.start(vertx, SimServerOptions.defaults().withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
    filtered = new TestUpstream(vertx, req -> req.response().setStatusCode(400)
        .putHeader("content-type", "application/json").end(REFUSAL));
  }

  @AfterEach
  void tearDown() {
    if (gw != null) gw.close();
    filtered.close();
    sim.close().await();
    vertx.close().await();
  }

  private void gateway(String contentPolicy) {
    RetryConfig retry = new RetryConfig(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30), 0.2,
        contentPolicy);
    List<EndpointConfig> eps = List.of(
        new EndpointConfig("azure", URI.create(filtered.baseUrl() + "/v1"), "openai", null, Map.of(), 1, 8, GatewayHarness.FAST),
        new EndpointConfig("sim", URI.create(sim.baseUrl() + "/v1"), "openai", null, Map.of(), 1, 8, GatewayHarness.FAST));
    List<GroupConfig> groups = List.of(
        new GroupConfig("m", List.of("azure"), Strategies.ROUND_ROBIN, 8, Duration.ofSeconds(5)).withRetry(retry)
            .withFallbacks(List.of("backup")),
        new GroupConfig("backup", List.of("sim"), Strategies.ROUND_ROBIN, 8, Duration.ofSeconds(5)));
    gw = new GatewayHarness(vertx, new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 1 << 20, null),
        AuthConfig.OPEN, eps, groups));
  }

  private HttpResponse<String> chat() throws Exception {
    return gw.post("/v1/chat/completions",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"max_tokens\":3}");
  }

  @Test
  void contentFilterRefusal_byDefault_passesThroughUnchanged() throws Exception {
    gateway(RetryConfig.RETURN);
    HttpResponse<String> r = chat();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(REFUSAL);
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("1");
    assertThat(sim.counters().received()).isZero();
  }

  @Test
  void contentFilterRefusal_withPolicyFallback_isAnsweredByTheFallbackGroup() throws Exception {
    gateway(RetryConfig.FALLBACK);
    HttpResponse<String> r = chat();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("2");
    assertThat(r.headers().firstValue("x-switchboard-fallback")).hasValue("backup");
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("sim");
    assertThat(filtered.seen).hasSize(1);
    assertThat(sim.counters().received()).isEqualTo(1);
  }
}
