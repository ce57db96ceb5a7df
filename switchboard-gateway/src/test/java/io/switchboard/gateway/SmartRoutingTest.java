package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.Strategies;
import io.switchboard.core.TokenEstimator;
import io.switchboard.gateway.routing.Tokenizer;
import io.switchboard.core.pipeline.Signals;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Groups routed by the pipeline strategies ({@code smart} and the single scorers) in front of simulated backends. */
class SmartRoutingTest extends SimGatewayTest {
  SmartRoutingTest() { super(2); }

  private void gateway(String strategy) {
    var e0 = endpoint("sim-0", sims.server(0).baseUrl(), 16, GatewayHarness.FAST);
    var e1 = endpoint("sim-1", sims.server(1).baseUrl(), 16, GatewayHarness.FAST);
    gw = new GatewayHarness(vertx, config(AuthConfig.OPEN, List.of(e0, e1), List.of(
        new GroupConfig("m", List.of("sim-0", "sim-1"), strategy, 0, Duration.ZERO))));
  }

  private static String body(boolean stream) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],\"stream\":" + stream
        + ",\"max_tokens\":3}";
  }

  @Test
  void smartGroup_servesStreamingAndPlainRequests() throws Exception {
    gateway(Strategies.SMART);
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = gw.post("/v1/chat/completions", body(i % 2 == 0));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValueSatisfying(
          v -> assertThat(v).isIn("sim-0", "sim-1"));
    }
  }

  @Test
  void smartGroup_routeHeaderExplainsThePick() throws Exception {
    gateway(Strategies.SMART);
    for (boolean stream : new boolean[] {true, false}) {
      HttpResponse<String> r = gw.post("/v1/chat/completions", body(stream));
      assertThat(r.statusCode()).isEqualTo(200);
      String endpoint = r.headers().firstValue("x-switchboard-endpoint").orElseThrow();
      assertThat(r.headers().firstValue("x-switchboard-route")).hasValueSatisfying(v -> assertThat(v)
          .startsWith("smart ").contains("pick=" + endpoint + " ").contains(" of=2"));
    }
  }

  @Test
  void routingDecisions_areCountedByTheirReceiptsReason() throws Exception {
    gateway(Strategies.SMART);
    int n = 6;
    for (int i = 0; i < n; i++) assertThat(gw.post("/v1/chat/completions", body(false)).statusCode()).isEqualTo(200);
    String m = gw.send("GET", "/metrics", null).body();
    double counted = 0;
    for (String reason : List.of("best", "tie", "sampled", "explore", "only")) {
      var match = Pattern.compile("switchboard_routing_decisions_total\\{group=\"m\",reason=\"" + reason + "\"} ([0-9.]+)")
          .matcher(m);
      if (match.find()) counted += Double.parseDouble(match.group(1));
    }
    assertThat(counted).isEqualTo(n);
    assertThat(m).doesNotContain("reason=\"strategy\"");
  }

  @Test
  void baselineGroup_routeHeaderNamesThePick() throws Exception {
    gateway(Strategies.ROUND_ROBIN);
    HttpResponse<String> r = gw.post("/v1/chat/completions", body(false));
    String endpoint = r.headers().firstValue("x-switchboard-endpoint").orElseThrow();
    assertThat(r.headers().firstValue("x-switchboard-route")).hasValueSatisfying(v -> assertThat(v)
        .contains(" pick=" + endpoint + " reason=strategy"));
    assertThat(gw.send("GET", "/metrics", null).body())
        .contains("switchboard_routing_decisions_total{group=\"m\",reason=\"strategy\"} 1.0");
  }

  @Test
  void promptText_isHashedForPrefixRouting_soASharedPromptSticksToOneEndpoint() throws Exception {
    gateway(Strategies.PREFIX_ONLY);
    String prompt = "You are a careful assistant. ".repeat(20);
    String first = null;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"system\","
          + "\"content\":\"" + prompt + "\"},{\"role\":\"user\",\"content\":\"question " + i + "\"}],\"max_tokens\":2}");
      assertThat(r.statusCode()).isEqualTo(200);
      String endpoint = r.headers().firstValue("x-switchboard-endpoint").orElseThrow();
      if (first == null) first = endpoint;
      assertThat(endpoint).isEqualTo(first);
    }
  }

  @Test
  void tokenEstimates_learnEachAnswersUsage_plainAndStreamed_butNoByteRatioFromTokenIds() throws Exception {
    gateway(Strategies.SMART);
    TokenEstimator mirror = TokenEstimator.defaults();
    Pattern prompt = Pattern.compile("\"prompt_tokens\":(\\d+)");
    Pattern completion = Pattern.compile("\"completion_tokens\":(\\d+)");
    for (int i = 0; i < 12; i++) {
      boolean ids = i % 4 == 3;
      String body = ids
          ? "{\"model\":\"m\",\"prompt\":[1,2,3,4,5,6,7,8],\"max_tokens\":" + (2 + i) + "}"
          : "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "tell me more. ".repeat(5 + 7 * i)
              + "\"}],\"max_tokens\":" + (2 + i) + (i % 2 == 0 ? "" : ",\"stream\":true,\"stream_options\":{\"include_usage\":true}")
              + "}";
      HttpResponse<String> r = gw.post(ids ? "/v1/completions" : "/v1/chat/completions", body);
      assertThat(r.statusCode()).isEqualTo(200);
      Matcher p = prompt.matcher(r.body());
      Matcher c = completion.matcher(r.body());
      assertThat(p.find() && c.find()).as(r.body()).isTrue();
      mirror.observe(ids ? 0 : body.length(), Integer.parseInt(p.group(1)), Integer.parseInt(c.group(1)), 2 + i);
    }
    TokenEstimator learned = gw.states.tokensFor("m");
    assertThat(learned.bytesPerToken()).isEqualTo(mirror.bytesPerToken()).isNotEqualTo(4.0);
    assertThat(learned.meanOutputTokens()).isEqualTo(mirror.meanOutputTokens());
    assertThat(learned.outputTokens(8)).isEqualTo(mirror.outputTokens(8)).isLessThan(256);
    assertThat(gw.send("GET", "/metrics", null).body())
        .contains("switchboard_token_estimate_bytes_per_token{group=\"m\"} " + learned.bytesPerToken());
  }

  @Test
  void tokenizerGroup_countsAShortPromptInPlace_andTeachesNoByteRatio() throws Exception {
    countsExactly("What is a KV cache?", "inline");
  }

  @Test
  void tokenizerGroup_countsALongPromptOffTheEventLoop() throws Exception {
    countsExactly("What is a KV cache, and why does routing care where it is? ".repeat(20), "pooled");
  }

  /** A request is held in flight by a slow first token while its token charge on the endpoint is read. */
  private void countsExactly(String question, String how) throws Exception {
    var e0 = endpoint("sim-0", sims.server(0).baseUrl(), 16, GatewayHarness.FAST);
    gw = new GatewayHarness(vertx, config(AuthConfig.OPEN, List.of(e0), List.of(
        new GroupConfig("m", List.of("sim-0"), Strategies.LEAST_OUTSTANDING, 0, Duration.ZERO).withTokenizer("cl100k_base"))));
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.SLOW_FIRST_TOKEN, 1).withSlowFirstTokenMillis(1_500));
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + question + "\"}]}],\"max_tokens\":40}";
    var pending = gw.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.base() + "/v1/chat/completions"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    var state = gw.states.get("sim-0");
    await().until(() -> state.tokensInFlight() > 0);
    // The exact prompt (text + 2 messages' framing + reply priming) plus the expected answer, E[min(256, 40)] for
    // an untrained group; not the untrained byte estimate (a token per 4 bytes of body).
    int prompt = Tokenizer.of("cl100k_base").count("Be brief." + question, 0) + 2 * 4 + 3;
    assertThat(prompt).isNotEqualTo(Math.round(body.length() / 4.0));
    assertThat(state.tokensInFlight()).isEqualTo(prompt + 40);
    assertThat(pending.get().statusCode()).isEqualTo(200);
    TokenEstimator learned = gw.states.tokensFor("m");
    assertThat(learned.cappedShare(40) > 0 || learned.meanOutputTokens() != 256.0).as("the answer's length was learned").isTrue();
    assertThat(learned.bytesPerToken()).as("an exact count teaches no byte ratio").isEqualTo(4.0);
    assertThat(gw.send("GET", "/metrics", null).body()).contains("switchboard_prompt_counts_total{how=\"" + how + "\"} 1.0");
  }

  @Test
  void everyDecision_reportsItsOutcome_soNoPrefillStaysPending() throws Exception {
    gateway(Strategies.SMART);
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.HTTP_500, 1));
    for (int i = 0; i < 6; i++) gw.post("/v1/chat/completions", body(i % 3 != 0));
    Signals signals = gw.states.signals();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(signals.of("sim-0").prefillRequests()).isZero();
      assertThat(signals.of("sim-1").prefillRequests()).isZero();
    });
    // Streams taught the endpoints their time to first token.
    assertThat(List.of(signals.of("sim-0").ttftMs(), signals.of("sim-1").ttftMs())).anyMatch(ms -> !Double.isNaN(ms));
  }

  @Test
  void smartStrategyInYaml_parsesAndValidates() {
    GatewayConfig c = ConfigLoader.parse("endpoints: [{id: a, url: 'http://127.0.0.1:9000/v1'}]\n"
        + "groups: [{model: m, endpoints: [a], strategy: smart}]", Path.of("switchboard.yaml")).orElseThrow();
    assertThat(c.groups().getFirst().strategy()).isEqualTo("smart");
  }
}
