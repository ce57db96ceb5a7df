package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.Strategies;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.RetryConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.StreamConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code stream.continue_on_failure}: a stream that breaks after content reached the client is continued on
 * the other replica of a round-robin group (the first attempt goes to sim-0, the faulty one). The simulator
 * continues a chat whose last message is the assistant's partial answer with the words that follow it, so
 * a continued answer must read exactly like an uninterrupted one.
 */
class StreamContinuationTest extends SimGatewayTest {
  StreamContinuationTest() { super(2); }

  private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
      Duration.ofMillis(500), Duration.ofSeconds(20));
  private static final RetryConfig FAST_RETRY =
      new RetryConfig(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30), 1.0);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private void gateway(List<EndpointConfig> eps, List<String> ids) {
    GroupConfig g = new GroupConfig("m", ids, Strategies.ROUND_ROBIN, 16, Duration.ofSeconds(5)).withRetry(FAST_RETRY)
        .withStream(new StreamConfig(64 * 1024, Duration.ofSeconds(5), true));
    gw = new GatewayHarness(vertx, new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 1 << 20, null),
        AuthConfig.OPEN, eps, List.of(g)));
  }

  private void twoSims() {
    gateway(List.of(endpoint("sim-0", sims.server(0).baseUrl()), endpoint("sim-1", sims.server(1).baseUrl())),
        List.of("sim-0", "sim-1"));
  }

  private static EndpointConfig endpoint(String id, String baseUrl) {
    return new EndpointConfig(id, URI.create(baseUrl + "/v1"), "openai", null, Map.of(), 1, 64, QUICK);
  }

  private HttpResponse<String> chat(int maxTokens, boolean includeUsage) throws Exception {
    return gw.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],"
        + "\"stream\":true,\"max_tokens\":" + maxTokens
        + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}");
  }

  /** The data payloads of an SSE body, in order. */
  private static List<String> events(String body) {
    List<String> out = new ArrayList<>();
    for (String block : body.split("\n\n")) if (block.startsWith("data: ")) out.add(block.substring(6));
    return out;
  }

  private static String content(String body) {
    StringBuilder sb = new StringBuilder();
    for (String e : events(body)) {
      if (e.equals("[DONE]")) continue;
      JsonNode c = JSON.readTree(e).path("choices").path(0).path("delta").path("content");
      if (c.isString()) sb.append(c.stringValue());
    }
    return sb.toString();
  }

  private static JsonNode usage(String body) {
    for (String e : events(body)) if (!e.equals("[DONE]") && JSON.readTree(e).path("usage").isObject()) return JSON.readTree(e).path("usage");
    return null;
  }

  private long received(int server) { return sims.server(server).counters().received(); }

  private void assertContinued(HttpResponse<String> r, String expectedContent) {
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");
    // One answer: every word once, in order, and one [DONE].
    assertThat(content(r.body())).isEqualTo(expectedContent);
    assertThat(events(r.body()).stream().filter("[DONE]"::equals)).hasSize(1);
    // Every chunk carries the id the client saw first.
    assertThat(events(r.body()).stream().filter(e -> !e.equals("[DONE]")).map(e -> JSON.readTree(e).path("id").stringValue())
        .distinct()).hasSize(1);
    assertThat(received(0)).isEqualTo(1);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void cutAfterContent_isContinuedOnTheOtherReplica_asOneSeamlessAnswerWithSummedUsage() throws Exception {
    twoSims();
    String whole = content(chat(20, false).body());
    assertThat(whole.split(" ")).hasSize(20);
    sims.server(1).faults().set(Faults.none().withNext(FaultKind.CUT_STREAM, 1).withCutAfterTokens(3));
    HttpResponse<String> r = chat(20, true);
    // The warm-up went to sim-0, so this one starts on sim-1 (round-robin) and is cut there.
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(content(r.body())).isEqualTo(whole);
    assertThat(r.body()).doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");
    assertThat(events(r.body()).stream().filter("[DONE]"::equals)).hasSize(1);
    JsonNode usage = usage(r.body());
    // 3 tokens from the cut attempt plus 17 from the continuation; both prompts are counted.
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(20);
    assertThat(usage.path("prompt_tokens").asInt()).isGreaterThan(usage(chat(20, true).body()).path("prompt_tokens").asInt());
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
  }

  @Test
  void stallAfterContent_isContinuedAfterTheIdleTimeout() throws Exception {
    twoSims();
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.STALL, 1).withStallAfterTokens(4));
    String expected = "the quick brown fox jumps over a lazy dog and then runs";
    HttpResponse<String> r = chat(12, false);
    assertContinued(r, expected);
    assertThat(usage(r.body())).as("the client did not ask for usage").isNull();
  }

  @Test
  void malformedEventAfterContent_isContinuedWithoutRelayingTheBrokenEvent() throws Exception {
    twoSims();
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.MALFORMED_EVENT, 1).withMalformedAfterTokens(3));
    HttpResponse<String> r = chat(8, false);
    assertContinued(r, "the quick brown fox jumps over a lazy");
    assertThat(r.body()).doesNotContain("unterminated");
  }

  @Test
  void cutCompletionStream_isContinuedWithThePartialTextAppendedToThePrompt() throws Exception {
    twoSims();
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.CUT_STREAM, 1).withCutAfterTokens(3));
    HttpResponse<String> r = gw.post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"once upon a time\","
        + "\"stream\":true,\"max_tokens\":10,\"stream_options\":{\"include_usage\":true}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");
    assertThat(events(r.body()).stream().filter("[DONE]"::equals)).hasSize(1);
    StringBuilder text = new StringBuilder();
    for (String e : events(r.body())) if (!e.equals("[DONE]")) text.append(JSON.readTree(e).path("choices").path(0).path("text").asString(""));
    // The simulator restarts a completion's words (it cannot see where a prompt's answer began): 3 + 7 tokens.
    assertThat(text.toString()).startsWith("the quick brownthe quick brown fox");
    assertThat(usage(r.body()).path("completion_tokens").asInt()).isEqualTo(10);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void continuationThatBreaksToo_endsWithTheFirstErrorEvent_neverACleanFinish() throws Exception {
    twoSims();
    sims.setFaults(Faults.none().withProbability(FaultKind.CUT_STREAM, 1.0).withCutAfterTokens(3));
    HttpResponse<String> r = chat(20, false);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("data: {\"error\":{").contains("sim-0").doesNotContain("data: [DONE]");
    // Both replicas were tried once; the cap of three attempts found no third endpoint.
    assertThat(received(0)).isEqualTo(1);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void continuationRefusedWith4xx_endsWithTheOriginalErrorEvent() throws Exception {
    try (var refuses = new TestUpstream(vertx, req -> req.response().setStatusCode(400)
        .putHeader("content-type", "application/json")
        .end("{\"error\":{\"message\":\"assistant prefill is not supported\",\"type\":\"invalid_request_error\"}}"))) {
      gateway(List.of(endpoint("sim-0", sims.server(0).baseUrl()), endpoint("strict", refuses.baseUrl())),
          List.of("sim-0", "strict"));
      sims.server(0).faults().set(Faults.none().withNext(FaultKind.CUT_STREAM, 1).withCutAfterTokens(3));
      HttpResponse<String> r = chat(20, false);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(content(r.body().replaceAll("data: \\{\"error\".*", ""))).isEqualTo("the quick brown");
      assertThat(r.body()).contains("data: {\"error\":{").contains("Endpoint 'sim-0' failed mid-response")
          .doesNotContain("prefill").doesNotContain("data: [DONE]");
      // The refused continuation carried the partial answer as the final assistant message, and 17 tokens.
      JsonNode sent = JSON.readTree(refuses.seen.peek().body());
      JsonNode last = sent.path("messages").path(sent.path("messages").size() - 1);
      assertThat(last.path("role").stringValue()).isEqualTo("assistant");
      assertThat(last.path("content").stringValue()).isEqualTo("the quick brown");
      assertThat(sent.path("max_tokens").asInt()).isEqualTo(17);
    }
  }
}
