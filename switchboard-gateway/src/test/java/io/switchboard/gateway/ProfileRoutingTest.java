package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.pipeline.PipelineSpec;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.GroupConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoint profiles from config (context window, labels) steering the pipeline's filters live. */
class ProfileRoutingTest extends SimGatewayTest {
  ProfileRoutingTest() { super(2); }

  private void gateway(GroupConfig group) {
    // sim-0: a small context window, in the US; sim-1: unknown window, in the EU.
    var e0 = endpoint("sim-0", sims.server(0).baseUrl(), 16, GatewayHarness.FAST).withProfile(64, Map.of("region", "us"));
    var e1 = endpoint("sim-1", sims.server(1).baseUrl(), 16, GatewayHarness.FAST).withProfile(0, Map.of("region", "eu"));
    gw = new GatewayHarness(vertx, config(AuthConfig.OPEN, List.of(e0, e1), List.of(group)));
  }

  private String endpointOf(String content) throws Exception {
    HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + content + "\"}],\"max_tokens\":3}");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.headers().firstValue("x-switchboard-endpoint").orElseThrow();
  }

  @Test
  void contextFit_keepsAPromptLargerThanAWindowOffThatEndpoint() throws Exception {
    gateway(new GroupConfig("m", List.of("sim-0", "sim-1"), "smart", 0, Duration.ZERO));
    String big = "word ".repeat(200); // about 250 prompt tokens by the gateway's estimate, over sim-0's 64
    for (int i = 0; i < 6; i++) assertThat(endpointOf(big)).isEqualTo("sim-1");
    // A short prompt fits both: sim-0 gets traffic again.
    boolean sawSim0 = false;
    for (int i = 0; i < 20 && !sawSim0; i++) sawSim0 = endpointOf("hi").equals("sim-0");
    assertThat(sawSim0).isTrue();
  }

  @Test
  void labelsFilter_inAPipelineWrittenInConfig_routesOnlyToMatchingEndpoints() throws Exception {
    var spec = new PipelineSpec("eu-only", List.of("available", "labels"),
        List.of(new PipelineSpec.ScorerSpec("token-load", 1)), "max", Map.of("labels", "region=eu"));
    gateway(new GroupConfig("m", List.of("sim-0", "sim-1"), "smart", 0, Duration.ZERO).withPipeline(spec));
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = gw.post("/v1/chat/completions",
          "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3}");
      assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("sim-1");
      assertThat(r.headers().firstValue("x-switchboard-route")).hasValueSatisfying(v -> assertThat(v).startsWith("eu-only pick=sim-1"));
    }
  }

  @Test
  void plainOneTokenAnswer_trainsTheEndpointsTtftAverage() throws Exception {
    gateway(new GroupConfig("m", List.of("sim-0", "sim-1"), "smart", 0, Duration.ZERO));
    HttpResponse<String> r = gw.post("/v1/chat/completions",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}");
    assertThat(r.statusCode()).isEqualTo(200);
    String id = r.headers().firstValue("x-switchboard-endpoint").orElseThrow();
    // Reported as the first token: the TTFT average now has a value, and nothing waits for a first token.
    assertThat(gw.states.signals().of(id).ttftMs()).isGreaterThan(0);
    assertThat(gw.states.signals().of(id).prefillRequests()).isZero();
  }
}
