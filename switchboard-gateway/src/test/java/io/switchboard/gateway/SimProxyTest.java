package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static io.switchboard.gateway.GatewayHarness.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.Secret;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The gateway in front of real simulated backends, driven by the official OpenAI SDK and raw HTTP. */
class SimProxyTest extends SimGatewayTest {
  SimProxyTest() { super(2); }

  private static final String KEY = "sk-gw";
  private void gateway(int maxConcurrent, int queueSize, Duration queueTimeout, Timeouts timeouts) {
    var auth = new AuthConfig(List.of(new AuthConfig.ApiKey("tests", new Secret(KEY, "inline"))));
    var e1 = endpoint("sim-0", sims.server(0).baseUrl(), maxConcurrent, timeouts);
    var e2 = new io.switchboard.gateway.config.EndpointConfig("sim-1",
        java.net.URI.create(sims.server(1).baseUrl() + "/v1"), "openai", null, Map.of("alias", "real-model"), 1,
        maxConcurrent, timeouts);
    gw = new GatewayHarness(vertx, config(auth, List.of(e1, e2), List.of(
        group("m", List.of("sim-0"), queueSize, queueTimeout),
        group("alias", List.of("sim-1"), queueSize, queueTimeout),
        group("fb-*", List.of("sim-0", "sim-1"), queueSize, queueTimeout))));
  }

  private void gateway() { gateway(16, 0, Duration.ZERO, GatewayHarness.FAST); }

  private OpenAIClient sdk() {
    if (gw == null) gateway();
    return OpenAIOkHttpClient.builder().baseUrl(gw.base() + "/v1").apiKey(KEY).maxRetries(0).build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model, int maxTokens) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").maxCompletionTokens(maxTokens);
  }

  @Test
  void sdk_nonStreamingChat_returnsAnswerAndUsage() {
    ChatCompletion c = sdk().chat().completions().create(chat("m", 5).build());
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().get(0).message().content()).isPresent();
    assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(5));
  }

  @Test
  void sdk_streamingChat_withoutIncludeUsage_neverSeesTheInjectedUsageChunk() {
    int content = 0;
    try (StreamResponse<ChatCompletionChunk> s = sdk().chat().completions().createStreaming(chat("m", 6).build())) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
        // The usage-only chunk has no choices: a client that did not ask must never get it.
        assertThat(chunk.choices()).isNotEmpty();
        assertThat(chunk.usage()).isEmpty();
        content++;
      }
    }
    assertThat(content).isGreaterThanOrEqualTo(6);
    // The gateway asked for usage itself, so the sim's counters saw a request with include_usage.
    await().untilAsserted(() -> assertThat(metrics()).contains("switchboard_requests_total{endpoint=\"sim-0\",model=\"m\",status=\"200\"}"));
  }

  @Test
  void sdk_streamingChat_withIncludeUsage_getsTheUsageChunk() {
    var params = chat("m", 4).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    ChatCompletionChunk last = null;
    try (StreamResponse<ChatCompletionChunk> s = sdk().chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) s.stream()::iterator) last = chunk;
    }
    assertThat(last).isNotNull();
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(4));
  }

  @Test
  void http2Stream_thatEndsNormally_isCountedAs200_notAsClientClosed() throws Exception {
    gateway();
    var client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
        .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    var answer = new CompletableFuture<String>();
    // On one context, so the response handlers are set in the turn the response arrives.
    vertx.runOnContext(v -> client.request(new io.vertx.core.http.RequestOptions()
            .setMethod(io.vertx.core.http.HttpMethod.POST).setHost("127.0.0.1").setPort(gw.gateway.port())
            .setURI("/v1/chat/completions").putHeader("authorization", "Bearer " + KEY)
            .putHeader("content-type", "application/json"))
        .compose(req -> req.send(body("m", true, 3)))
        .compose(io.vertx.core.http.HttpClientResponse::body)
        .onSuccess(b -> answer.complete(b.toString()))
        .onFailure(answer::completeExceptionally));
    assertThat(answer.get()).endsWith("data: [DONE]\n\n");
    // The HTTP/2 stream closes inside end(): that close is not the client leaving (499).
    await().untilAsserted(() -> assertThat(metrics())
        .contains("switchboard_requests_total{endpoint=\"sim-0\",model=\"m\",status=\"200\"} 1.0")
        .doesNotContain("status=\"499\""));
    client.close().await();
  }

  @Test
  void globGroup_forwardsTheClientModelNameUnchanged() throws Exception {
    gateway();
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("fb-small", false, 3), "authorization", "Bearer " + KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"model\":\"fb-small\"");
  }

  @Test
  void alias_isRewrittenToTheEndpointsUpstreamName() throws Exception {
    gateway();
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("alias", true, 3), "authorization", "Bearer " + KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("sim-1");
    // The sim echoes the model it was sent.
    assertThat(r.body()).contains("\"model\":\"real-model\"").doesNotContain("\"model\":\"alias\"")
        .endsWith("data: [DONE]\n\n");
  }

  @Test
  void everyResponse_carriesRequestIdAndEndpoint() throws Exception {
    gateway();
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("m", false, 2), "authorization", "Bearer " + KEY);
    assertThat(r.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).hasSize(16));
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("sim-0");
    HttpResponse<String> e = gw.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"hi\"}",
        "authorization", "Bearer " + KEY, "x-request-id", "abc");
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.headers().firstValue("x-request-id")).hasValue("abc");
    assertThat(e.body()).contains("\"embedding\"");
  }

  @Test
  void clientDisconnect_cancelsTheUpstreamRequest() throws Exception {
    gateway();
    try (Socket s = new Socket("127.0.0.1", gw.gateway.port())) {
      String body = body("m", true, 100_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer " + KEY
          + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      assertThat(in.read(buf)).isPositive(); // the stream started
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> sims.server(0).counters().cancelledByClient() == 1);
    assertThat(sims.server(0).counters().inFlight()).isZero();
    assertThat(gw.states.get("sim-0").outstanding()).isZero();
  }

  @Test
  void queueFull_gets503WithRetryAfter() throws Exception {
    gateway(1, 0, Duration.ZERO, GatewayHarness.FAST);
    CompletableFuture<HttpResponse<String>> hold = gw.http.sendAsync(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(gw.base() + "/v1/chat/completions")).header("authorization", "Bearer " + KEY)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("m", true, 400))).build(),
        HttpResponse.BodyHandlers.ofString());
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(() -> gw.states.get("sim-0").outstanding() == 1); // a short window: poll often
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("m", false, 1), "authorization", "Bearer " + KEY);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("retry-after")).hasValue("1");
    assertThat(r.body()).contains("\"code\":\"no_endpoint_available\"");
    assertThat(hold.get().statusCode()).isEqualTo(200);
  }

  @Test
  void queuedRequest_isAdmittedWhenTheSlotFrees() throws Exception {
    gateway(1, 4, Duration.ofSeconds(10), GatewayHarness.FAST);
    var first = gw.http.sendAsync(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(gw.base() + "/v1/chat/completions")).header("authorization", "Bearer " + KEY)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("m", true, 600))).build(),
        HttpResponse.BodyHandlers.ofString());
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(() -> gw.states.get("sim-0").outstanding() == 1); // a short window: poll often
    HttpResponse<String> second = gw.post("/v1/chat/completions", body("m", false, 1), "authorization", "Bearer " + KEY);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(first.get().body()).endsWith("data: [DONE]\n\n");
    assertThat(metrics()).contains("switchboard_admission_queue_depth{group=\"m\"} 0.0");
  }

  @Test
  void queueTimeout_gets503() throws Exception {
    gateway(1, 4, Duration.ofMillis(100), GatewayHarness.FAST);
    var hold = gw.http.sendAsync(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(gw.base() + "/v1/chat/completions")).header("authorization", "Bearer " + KEY)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("m", true, 500))).build(),
        HttpResponse.BodyHandlers.ofString());
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(() -> gw.states.get("sim-0").outstanding() == 1); // a short window: poll often
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("m", false, 1), "authorization", "Bearer " + KEY);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    hold.get();
  }

  @Test
  void upstreamStall_endsTheStreamWithAnSseErrorEvent() throws Exception {
    gateway(16, 0, Duration.ZERO, new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300),
        Duration.ofSeconds(20)));
    sims.server(0).faults().set(Faults.none().withStallAfterTokens(2).withNext(FaultKind.STALL, 1));
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("m", true, 50), "authorization", "Bearer " + KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("data: {\"error\":{").contains("upstream_timeout").doesNotContain("[DONE]");
    await().until(() -> sims.server(0).counters().inFlight() == 0);
  }

  @Test
  void upstreamErrorStatus_passesThrough() throws Exception {
    gateway();
    sims.server(0).faults().set(Faults.none().withNext(FaultKind.HTTP_500, 1));
    HttpResponse<String> r = gw.post("/v1/chat/completions", body("m", false, 1), "authorization", "Bearer " + KEY);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("error");
  }

  @Test
  void modelsHealthReadyAndMetrics_answer() throws Exception {
    gateway();
    HttpResponse<String> models = gw.send("GET", "/v1/models", null, "authorization", "Bearer " + KEY);
    assertThat(models.body()).contains("\"object\":\"list\"").contains("\"id\":\"m\"").contains("\"id\":\"alias\"")
        .doesNotContain("fb-*");
    assertThat(gw.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    assertThat(gw.send("GET", "/readyz", null).statusCode()).isEqualTo(200);
    gw.post("/v1/chat/completions", body("m", true, 2), "authorization", "Bearer " + KEY);
    await().untilAsserted(() -> assertThat(metrics())
        .contains("switchboard_requests_in_flight 0.0")
        .contains("switchboard_upstream_ttft_seconds_bucket{endpoint=\"sim-0\"")
        .contains("switchboard_upstream_latency_seconds_count{endpoint=\"sim-0\"} 1")
        .contains("switchboard_gateway_overhead_seconds_count 1"));
  }

  @Test
  void reloadUnderLoad_losesNoRequest() throws Exception {
    gateway(4, 64, Duration.ofSeconds(10), GatewayHarness.FAST);
    List<CompletableFuture<HttpResponse<String>>> inFlight = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      inFlight.add(gw.http.sendAsync(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(gw.base() + "/v1/chat/completions")).header("authorization", "Bearer " + KEY)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("m", i % 2 == 0, 30))).build(),
          HttpResponse.BodyHandlers.ofString()));
      // Swap in a freshly built table (same endpoints, new routers and queues) while requests run and wait.
      if (i % 6 == 5) gw.load(gw.table.get().config());
    }
    for (var f : inFlight) {
      HttpResponse<String> r = f.get();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).satisfiesAnyOf(b -> assertThat(b).endsWith("data: [DONE]\n\n"),
          b -> assertThat(b).contains("\"usage\""));
    }
    await().until(() -> gw.states.get("sim-0").outstanding() == 0);
  }

  private String metrics() throws Exception { return gw.send("GET", "/metrics", null).body(); }

  private static String body(String model, boolean stream, int maxTokens) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],\"stream\":"
        + stream + ",\"max_tokens\":" + maxTokens + "}";
  }
}
