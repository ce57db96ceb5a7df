package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static io.switchboard.gateway.GatewayHarness.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.Timeouts;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request chain's contract at its edges, against scripted upstreams: before the head is written a
 * failure is a JSON error with its status; after a stream started, it is an SSE error event and never a
 * clean finish; a usage-only event is hidden even when split across writes.
 */
class ChainContractTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() { vertx = Vertx.vertx(); }

  @AfterEach
  void tearDown() { vertx.close().await(); }

  private GatewayHarness gateway(TestUpstream up, Timeouts timeouts) {
    return new GatewayHarness(vertx, config(AuthConfig.OPEN,
        List.of(endpoint("e1", up.baseUrl(), 4, timeouts)), List.of(group("m", List.of("e1"), 0, Duration.ZERO))));
  }

  @Test
  void relay_usageEventSplitAcrossWrites_isHiddenAndRestIsIntact() throws Exception {
    try (var up = new TestUpstream(vertx, req -> {
      var r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      r.write("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\nda");
      r.write("ta: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,");
      r.write("\"completion_tokens\":1}}\n");
      r.end("\ndata: [DONE]\n\n");
    }); var gw = gateway(up, GatewayHarness.FAST)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}");
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo(
          "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\ndata: [DONE]\n\n");
      // The gateway asked for usage on the client's behalf.
      assertThat(up.seen.peek().body()).contains("\"include_usage\":true");
    }
  }

  @Test
  void relay_upstreamCutAfterStreamStarted_endsWithSseErrorEventNotDone() throws Exception {
    try (var up = new TestUpstream(vertx, req -> {
      var r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      r.write("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n")
          .onSuccess(v -> vertx.setTimer(50, t -> req.connection().close()));
    }); var gw = gateway(up, GatewayHarness.FAST)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}");
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).startsWith("data: {\"choices\"")
          .contains("data: {\"error\":{").doesNotContain("[DONE]");
    }
  }

  @Test
  void relay_idleTimeoutAfterFirstEvent_endsWithSseTimeoutEvent() throws Exception {
    Timeouts idle = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(20));
    try (var up = new TestUpstream(vertx, req -> req.response().setChunked(true)
        .putHeader("content-type", "text/event-stream").write("data: {\"choices\":[]}\n\n"));
         var gw = gateway(up, idle)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}");
      assertThat(resp.body()).contains("\"code\":\"upstream_timeout\"").contains("idle").doesNotContain("[DONE]");
    }
  }

  @Test
  void relay_totalDeadline_endsAStreamThatNeverFallsIdle() throws Exception {
    // Events every 50 ms keep the idle deadline (300 ms) from passing; only the total one (600 ms) can.
    Timeouts total = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofMillis(600));
    try (var up = new TestUpstream(vertx, req -> {
      var r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      vertx.setPeriodic(50, id -> {
        if (r.closed()) vertx.cancelTimer(id);
        else r.write("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
      });
    }); var gw = gateway(up, total)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}");
      assertThat(resp.body()).startsWith("data: {\"choices\"").contains("\"code\":\"upstream_timeout\"")
          .contains("total").doesNotContain("idle").doesNotContain("[DONE]");
    }
  }

  @Test
  void attempt_noFirstByteInTime_gets504JsonError() throws Exception {
    Timeouts quick = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(20));
    try (var up = new TestUpstream(vertx, req -> { /* never answers */ }); var gw = gateway(up, quick)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}");
      assertThat(resp.statusCode()).isEqualTo(504);
      assertThat(resp.body()).contains("\"code\":\"upstream_timeout\"");
      assertThat(resp.headers().firstValue("x-request-id")).isPresent();
    }
  }

  @Test
  void attempt_streamHeadersButNoEventInTime_gets504NotAStartedStream() throws Exception {
    Timeouts quick = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(20));
    try (var up = new TestUpstream(vertx, req -> req.response().setChunked(true)
        .putHeader("content-type", "text/event-stream").writeHead()); var gw = gateway(up, quick)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}");
      assertThat(resp.statusCode()).isEqualTo(504);
    }
  }

  @Test
  void attempt_upstreamRefusesConnection_gets502() throws Exception {
    TestUpstream up = new TestUpstream(vertx, req -> { });
    up.close();
    try (var gw = gateway(up, GatewayHarness.FAST)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}");
      assertThat(resp.statusCode()).isEqualTo(502);
      assertThat(resp.body()).contains("\"code\":\"upstream_unreachable\"");
    }
  }

  @Test
  void relay_upstreamErrorStatus_passesThroughUnchanged() throws Exception {
    try (var up = new TestUpstream(vertx, req -> req.response().setStatusCode(429).putHeader("retry-after", "7")
        .putHeader("content-type", "application/json").end("{\"error\":{\"message\":\"slow down\"}}"));
         var gw = gateway(up, GatewayHarness.FAST)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}");
      assertThat(resp.statusCode()).isEqualTo(429);
      assertThat(resp.headers().firstValue("retry-after")).hasValue("7");
      assertThat(resp.body()).isEqualTo("{\"error\":{\"message\":\"slow down\"}}");
      assertThat(resp.headers().firstValue("x-switchboard-endpoint")).hasValue("e1");
    }
  }

  @Test
  void attempt_forwardsEndpointKeyAndRequestIdNeverClientKey() throws Exception {
    try (var up = new TestUpstream(vertx, req -> req.response().end("{}"))) {
      var ep = new io.switchboard.gateway.config.EndpointConfig("e1", java.net.URI.create(up.baseUrl() + "/v1"),
          "openai", new io.switchboard.gateway.config.Secret("upstream-secret", "inline"), Map.of(), 1, 4,
          GatewayHarness.FAST);
      var auth = new AuthConfig(List.of(new AuthConfig.ApiKey("team-a",
          new io.switchboard.gateway.config.Secret("client-secret", "inline"))));
      try (var gw = new GatewayHarness(vertx, config(auth, List.of(ep), List.of(group("m", List.of("e1"), 0, Duration.ZERO))))) {
        HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}",
            "authorization", "Bearer client-secret", "x-request-id", "req-123");
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("x-request-id")).hasValue("req-123");
        TestUpstream.Seen seen = up.seen.peek();
        assertThat(seen.authorization()).isEqualTo("Bearer upstream-secret");
        assertThat(seen.requestId()).isEqualTo("req-123");
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
      }
    }
  }
  private static final String WHOLE = "{\"choices\":[{\"message\":{\"content\":\"all of it\"}}],"
      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3}}";

  /** A plain 200 whose head and first bytes arrive, then the connection closes: 40 bytes of a promised 400. */
  private static void cutAfterHead(io.vertx.core.http.HttpServerRequest req) {
    req.response().putHeader("content-type", "application/json").putHeader("content-length", "400")
        .write("{\"choices\":[{\"message\":{\"content\":\"half")
        .onSuccess(v -> req.connection().close());
  }

  /** "bad" first (round robin), "good" second; the group retries with no backoff. */
  private GatewayHarness twoEndpoints(TestUpstream bad, TestUpstream good, Timeouts timeouts) {
    var g = new io.switchboard.gateway.config.GroupConfig("m", List.of("bad", "good"),
        io.switchboard.core.Strategies.ROUND_ROBIN, 0, Duration.ZERO)
        .withRetry(new io.switchboard.gateway.config.RetryConfig(3, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30), 1.0));
    return new GatewayHarness(vertx, config(AuthConfig.OPEN,
        List.of(endpoint("bad", bad.baseUrl(), 4, timeouts), endpoint("good", good.baseUrl(), 4, timeouts)), List.of(g)));
  }

  @Test
  void attempt_plainBodyCutAfterHead_failsOverToAWholeAnswer() throws Exception {
    try (var bad = new TestUpstream(vertx, ChainContractTest::cutAfterHead);
         var good = new TestUpstream(vertx, req -> req.response().putHeader("content-type", "application/json").end(WHOLE));
         var gw = twoEndpoints(bad, good, GatewayHarness.FAST)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}");
      // The half body was held back, never relayed: the client sees only the second endpoint's answer.
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo(WHOLE);
      assertThat(resp.headers().firstValue("x-switchboard-attempts")).hasValue("2");
      assertThat(resp.headers().firstValue("x-switchboard-endpoint")).hasValue("good");
      assertThat(bad.seen).hasSize(1);
    }
  }

  @Test
  void attempt_plainBodyStalledAfterHead_failsOverAtTheIdleTimeout() throws Exception {
    Timeouts idle = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(20));
    try (var bad = new TestUpstream(vertx, req -> req.response().setChunked(true)
            .putHeader("content-type", "application/json").write("{\"choices\":["));
         var good = new TestUpstream(vertx, req -> req.response().putHeader("content-type", "application/json").end(WHOLE));
         var gw = twoEndpoints(bad, good, idle)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}");
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo(WHOLE);
      assertThat(resp.headers().firstValue("x-switchboard-endpoint")).hasValue("good");
    }
  }

  @Test
  void attempt_plainBodyCutOnTheOnlyEndpoint_gets502NotAHalfBody() throws Exception {
    try (var up = new TestUpstream(vertx, ChainContractTest::cutAfterHead); var gw = gateway(up, GatewayHarness.FAST)) {
      HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}");
      assertThat(resp.statusCode()).isEqualTo(502);
      assertThat(resp.body()).contains("\"error\"").doesNotContain("half");
    }
  }
  @Test
  void retry_whenTheOnlyUntriedEndpointIsFull_waitsInTheQueueForItsSlot() throws Exception {
    try (var bad = new TestUpstream(vertx, req -> req.response().setStatusCode(500)
            .putHeader("content-type", "application/json").end("{\"error\":{\"message\":\"boom\"}}"));
         var good = new TestUpstream(vertx, req -> vertx.setTimer(400, t ->
             req.response().putHeader("content-type", "application/json").end(WHOLE)))) {
      var retry = new io.switchboard.gateway.config.RetryConfig(3, Duration.ofMillis(1), Duration.ofMillis(5),
          Duration.ofSeconds(30), 1.0);
      // "hold" shares the endpoint "good" (one slot) with "m", so a request to it fills "good".
      var m = new io.switchboard.gateway.config.GroupConfig("m", List.of("bad", "good"),
          io.switchboard.core.Strategies.ROUND_ROBIN, 8, Duration.ofSeconds(10)).withRetry(retry);
      var hold = group("hold", List.of("good"), 8, Duration.ofSeconds(10));
      try (var gw = new GatewayHarness(vertx, config(AuthConfig.OPEN, List.of(endpoint("bad", bad.baseUrl(), 4,
          GatewayHarness.FAST), endpoint("good", good.baseUrl(), 1, GatewayHarness.FAST)), List.of(m, hold)))) {
        var holding = gw.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.base() + "/v1/chat/completions"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"hold\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> good.seen.size() == 1);

        // First attempt: "good" is full, so "bad" (500). The retry finds "good" still full and waits for it.
        HttpResponse<String> resp = gw.post("/v1/chat/completions", "{\"model\":\"m\"}");
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body()).isEqualTo(WHOLE);
        assertThat(resp.headers().firstValue("x-switchboard-attempts")).hasValue("2");
        assertThat(resp.headers().firstValue("x-switchboard-endpoint")).hasValue("good");
        assertThat(holding.get().statusCode()).isEqualTo(200);
      }
    }
  }
}
