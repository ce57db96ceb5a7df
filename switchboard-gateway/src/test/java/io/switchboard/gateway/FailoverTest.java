package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.Strategies;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.FailureToleranceConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.RetryConfig;
import io.switchboard.gateway.config.Secret;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.gateway.config.UsageLimitsConfig;
import io.switchboard.sim.FixedSpeedEngine;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import io.switchboard.sim.server.SimServer;
import io.switchboard.sim.server.SimServerOptions;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One test per fault of the acceptance list, against two simulated replicas behind a round-robin group (so
 * the first attempt deterministically goes to sim-0, the faulty one). Each asserts what the client got and
 * how many requests each replica received. Time-dependent breaker and cooldown behaviour is driven by the
 * gateway's injected ticker, not by waiting.
 */
class FailoverTest extends SimGatewayTest {
  FailoverTest() { super(2); }

  private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
      Duration.ofMillis(500), Duration.ofSeconds(10));
  private static final RetryConfig FAST_RETRY =
      new RetryConfig(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30), 0.2);
  private static final String ADMIN = "admin-secret";

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  /** For tests that time nothing out: a fresh simulator's first answer can be slow on a loaded machine. */
  private static final Timeouts PATIENT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
      Duration.ofSeconds(5), Duration.ofSeconds(20));

  private static EndpointConfig endpoint(String id, SimServer s) {
    return new EndpointConfig(id, URI.create(s.baseUrl() + "/v1"), "openai", null, Map.of(), 1, 64, QUICK);
  }

  private static EndpointConfig patient(String id, SimServer s) {
    return new EndpointConfig(id, URI.create(s.baseUrl() + "/v1"), "openai", null, Map.of(), 1, 64, PATIENT);
  }

  private static GroupConfig group(String model, List<String> ids) {
    return new GroupConfig(model, ids, Strategies.ROUND_ROBIN, 16, Duration.ofSeconds(5)).withRetry(FAST_RETRY);
  }

  /** sim-0 and sim-1 serve "m"; {@code edit} adjusts the endpoints (index 0 is sim-0). */
  private void gateway(boolean injectedClock, UnaryOperator<EndpointConfig> edit, UnaryOperator<GroupConfig> editGroup) {
    List<EndpointConfig> eps = List.of(edit.apply(endpoint("sim-0", sims.server(0))), endpoint("sim-1", sims.server(1)));
    start(injectedClock, eps, List.of(editGroup.apply(group("m", List.of("sim-0", "sim-1")))));
  }

  private void gateway() { gateway(false, e -> e, g -> g); }

  private void start(boolean injectedClock, List<EndpointConfig> eps, List<GroupConfig> groups) {
    var config = new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 1 << 20, new Secret(ADMIN, "inline")),
        AuthConfig.OPEN, eps, groups);
    GatewayOptions options = GatewayOptions.of("127.0.0.1", 0);
    if (injectedClock) options = new GatewayOptions("127.0.0.1", 0, 2, clock::get);
    gw = new GatewayHarness(vertx, config, options);
  }

  private HttpResponse<String> chat(boolean stream, int maxTokens) throws Exception {
    return chat("m", stream, maxTokens);
  }

  private HttpResponse<String> chat(String model, boolean stream, int maxTokens) throws Exception {
    return gw.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"hello there\"}],\"stream\":" + stream + ",\"max_tokens\":" + maxTokens + "}");
  }

  private long received(int server) { return sims.server(server).counters().received(); }

  private void fault(int server, Faults f) { sims.server(server).faults().set(f); }

  private static void assertAttempts(HttpResponse<String> r, int attempts, String endpoint) {
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue(Integer.toString(attempts));
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue(endpoint);
  }

  private static void assertCompleteStream(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"content\"").endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
  }

  private static void assertExplicitStreamError(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    // Content reached the client, then the break: an error event, and never a [DONE].
    assertThat(r.body()).contains("\"content\"").contains("data: {\"error\":{").doesNotContain("data: [DONE]");
  }

  @Test
  void http500Once_isRetriedOnTheOtherEndpoint() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.HTTP_500, 1));
    HttpResponse<String> r = chat(false, 3);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"usage\"");
    assertAttempts(r, 2, "sim-1");
    assertThat(received(0)).isEqualTo(1);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void http503Persistent_opensTheBreaker_andLaterRequestsGoStraightElsewhere() throws Exception {
    gateway(true, e -> e.withFailureTolerance(new FailureToleranceConfig(2, Duration.ofSeconds(30), List.of(500, 502, 503, 504), 1)), g -> g);
    fault(0, Faults.none().withProbability(FaultKind.HTTP_503, 1.0));
    for (int i = 0; i < 6; i++) assertThat(chat(false, 2).statusCode()).isEqualTo(200);
    // Two failures tolerated, the third opens the breaker: sim-0 never sees a fourth request.
    assertThat(received(0)).isEqualTo(3);
    assertThat(received(1)).isEqualTo(6);
  }

  @Test
  void http503OnEveryEndpoint_passesTheLastAnswerThroughAfterTheAttemptCap() throws Exception {
    gateway();
    sims.setFaults(Faults.none().withProbability(FaultKind.HTTP_503, 1.0));
    HttpResponse<String> r = chat(false, 2);
    // Two endpoints, each tried once: nothing else to try, so the last 503 goes to the client unchanged.
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("2");
    assertThat(received(0) + received(1)).isEqualTo(2);
  }

  @Test
  void http429WithRetryAfter_goesElsewhereAtOnce_andNotBackBeforeTheHeaderSays() throws Exception {
    gateway(true, e -> e, g -> g);
    fault(0, Faults.none().withNext(FaultKind.HTTP_429, 1).withRetryAfterSeconds(2));
    HttpResponse<String> r = chat(false, 2);
    assertThat(r.statusCode()).isEqualTo(200);
    assertAttempts(r, 2, "sim-1");
    for (int i = 0; i < 4; i++) assertThat(chat(false, 2).headers().firstValue("x-switchboard-endpoint")).hasValue("sim-1");
    assertThat(received(0)).isEqualTo(1);
    clock.addAndGet(Duration.ofMillis(1999).toNanos());
    assertThat(chat(false, 2).headers().firstValue("x-switchboard-endpoint")).hasValue("sim-1");
    clock.addAndGet(Duration.ofMillis(2).toNanos());
    // Rested as long as it asked: it takes traffic again.
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 2; i++) served.add(chat(false, 2).headers().firstValue("x-switchboard-endpoint").orElseThrow());
    assertThat(served).contains("sim-0");
    assertThat(received(0)).isEqualTo(2);
  }

  @Test
  void http429WithoutRetryAfter_restsForTheDefaultSecond() throws Exception {
    gateway(true, e -> e, g -> g);
    fault(0, Faults.none().withNext(FaultKind.HTTP_429_NO_RETRY_AFTER, 1));
    assertAttempts(chat(false, 2), 2, "sim-1");
    for (int i = 0; i < 3; i++) chat(false, 2);
    assertThat(received(0)).isEqualTo(1);
    clock.addAndGet(Duration.ofMillis(1001).toNanos());
    for (int i = 0; i < 2; i++) chat(false, 2);
    assertThat(received(0)).isEqualTo(2);
  }

  @Test
  void http429OnTheOnlyEndpoint_waitsOutItsRetryAfterThenSucceeds() throws Exception {
    start(false, List.of(endpoint("sim-0", sims.server(0))), List.of(group("m", List.of("sim-0"))));
    fault(0, Faults.none().withNext(FaultKind.HTTP_429, 1).withRetryAfterSeconds(1));
    HttpResponse<String> r = chat(false, 2);
    assertThat(r.statusCode()).isEqualTo(200);
    assertAttempts(r, 2, "sim-0");
    assertThat(received(0)).isEqualTo(2);
  }

  @Test
  void remainingRequestsHeaderAtTheReserve_steersTheNextRequestsElsewhere_beforeAny429() throws Exception {
    start(false, List.of(patient("sim-0", sims.server(0)), patient("sim-1", sims.server(1))),
        List.of(group("m", List.of("sim-0", "sim-1"))));
    // sim-0 allows three requests a minute and says what is left in OpenAI's x-ratelimit-* headers.
    fault(0, Faults.none().withRateLimits(3, 0));
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = chat(false, 2);
      assertThat(r.statusCode()).isEqualTo(200);
      assertAttempts(r, 1, r.headers().firstValue("x-switchboard-endpoint").orElseThrow());
      served.add(r.headers().firstValue("x-switchboard-endpoint").orElseThrow());
    }
    // Round-robin alternates until sim-0's second answer leaves 1 remaining, the 1% reserve: from then on it is
    // left alone, so it never had to refuse anything.
    assertThat(served).startsWith("sim-0", "sim-1", "sim-0").endsWith("sim-1", "sim-1", "sim-1");
    assertThat(received(0)).isEqualTo(2);
  }

  @Test
  void rpmBudgetSpent_getsA429WithRetryAfter_withoutSendingUpstream() throws Exception {
    start(false, List.of(endpoint("sim-0", sims.server(0)).withLimits(new UsageLimitsConfig(1, 0))),
        List.of(new GroupConfig("m", List.of("sim-0"), Strategies.ROUND_ROBIN, 16, Duration.ZERO)));
    assertThat(chat(false, 2).statusCode()).isEqualTo(200);
    HttpResponse<String> r = chat(false, 2);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    assertThat(r.body()).contains("\"code\":\"rate_limited\"");
    assertThat(received(0)).isEqualTo(1);
  }

  @Test
  void resetBeforeHeaders_isRetriedElsewhere() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.RESET_BEFORE_HEADERS, 1));
    HttpResponse<String> r = chat(false, 3);
    assertThat(r.statusCode()).isEqualTo(200);
    assertAttempts(r, 2, "sim-1");
    assertThat(received(0)).isEqualTo(1);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void connectionRefused_ejectsTheEndpointAtOnce_withoutWaitingForTheFailureThreshold() throws Exception {
    int deadPort;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    var dead = new EndpointConfig("dead", URI.create("http://127.0.0.1:" + deadPort + "/v1"), "openai", null, Map.of(),
        1, 64, QUICK);
    start(true, List.of(dead, endpoint("sim-1", sims.server(1))), List.of(group("m", List.of("dead", "sim-1"))));
    assertAttempts(chat(false, 2), 2, "sim-1");
    // The default tolerance allows 5 failures a minute, but a refused connection proves the endpoint down.
    assertThat(admin().body()).contains("\"id\":\"dead\",\"breaker\":\"open\"");
    for (int i = 0; i < 3; i++) assertAttempts(chat(false, 2), 1, "sim-1");
  }

  @Test
  void noResponse_timesOutAndIsRetriedElsewhere() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.NO_RESPONSE, 1));
    HttpResponse<String> r = chat(false, 3);
    assertThat(r.statusCode()).isEqualTo(200);
    assertAttempts(r, 2, "sim-1");
    // The abandoned request was cancelled upstream, not left hanging.
    await().until(() -> sims.server(0).counters().inFlight() == 0);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void slowFirstToken_streamFailsOverBeforeTheClientSeesAnything() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.SLOW_FIRST_TOKEN, 1).withSlowFirstTokenMillis(3_000));
    HttpResponse<String> r = chat(true, 5);
    assertCompleteStream(r);
    assertAttempts(r, 2, "sim-1");
    assertThat(received(0)).isEqualTo(1);
    assertThat(received(1)).isEqualTo(1);
  }

  @Test
  void stallBeforeTheFirstToken_failsOverTransparently() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.STALL, 1).withStallAfterTokens(0));
    HttpResponse<String> r = chat(true, 5);
    assertCompleteStream(r);
    assertAttempts(r, 2, "sim-1");
  }

  @Test
  void stallAfterContent_endsWithAnExplicitErrorEvent_andIsNotRetried() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.STALL, 1).withStallAfterTokens(3));
    HttpResponse<String> r = chat(true, 20);
    assertExplicitStreamError(r);
    assertThat(r.body()).contains("upstream_timeout");
    assertThat(received(1)).isZero();
  }

  @Test
  void cutBeforeTheFirstToken_failsOverTransparently() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.CUT_STREAM, 1).withCutAfterTokens(0));
    HttpResponse<String> r = chat(true, 5);
    assertCompleteStream(r);
    assertAttempts(r, 2, "sim-1");
  }

  @Test
  void cutAfterContent_endsWithAnExplicitErrorEvent() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.CUT_STREAM, 1).withCutAfterTokens(3));
    HttpResponse<String> r = chat(true, 20);
    assertExplicitStreamError(r);
    assertThat(received(1)).isZero();
  }

  @Test
  void malformedEventBeforeTheFirstToken_failsOverTransparently() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.MALFORMED_EVENT, 1).withMalformedAfterTokens(0));
    HttpResponse<String> r = chat(true, 5);
    assertCompleteStream(r);
    assertAttempts(r, 2, "sim-1");
    assertThat(r.body()).doesNotContain("unterminated");
  }

  @Test
  void malformedEventAfterContent_endsWithAnExplicitErrorEvent() throws Exception {
    gateway();
    fault(0, Faults.none().withNext(FaultKind.MALFORMED_EVENT, 1).withMalformedAfterTokens(3));
    HttpResponse<String> r = chat(true, 20);
    assertExplicitStreamError(r);
    assertThat(r.body()).contains("malformed event");
    assertThat(received(1)).isZero();
  }

  @Test
  void streamEndingWithoutDoneOrFinishReason_endsWithAnExplicitErrorEvent() throws Exception {
    try (var up = new TestUpstream(vertx, req -> req.response().setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .end("data: {\"choices\":[{\"delta\":{\"content\":\"half an\"},\"finish_reason\":null}]}\n\n"))) {
      var ep = new EndpointConfig("e1", URI.create(up.baseUrl() + "/v1"), "openai", null, Map.of(), 1, 4, QUICK);
      start(false, List.of(ep), List.of(group("m", List.of("e1"))));
      HttpResponse<String> r = chat(true, 5);
      assertExplicitStreamError(r);
      assertThat(r.body()).contains("without [DONE]");
      assertThat(up.seen).hasSize(1);
    }
  }

  @Test
  void contextLengthExceeded_goesToTheContextFallbackGroup() throws Exception {
    SimServer big = SimServer.start(vertx, SimServerOptions.defaults()
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
    SimServer small = SimServer.start(vertx, SimServerOptions.defaults().withMaxContextTokens(64)
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
    start(false, List.of(patient("small", small), patient("big", big)), List.of(
        group("m", List.of("small")).withContextFallback("large"), group("large", List.of("big"))));
    HttpResponse<String> r = chat(false, 100);
    assertThat(r.statusCode()).isEqualTo(200);
    assertAttempts(r, 2, "big");
    assertThat(r.headers().firstValue("x-switchboard-fallback")).hasValue("large");
    // The body is the answering endpoint's own: its model is the one that answered.
    assertThat(r.body()).contains("\"model\":\"large\"");
    assertThat(small.counters().received()).isEqualTo(1);
    assertThat(big.counters().received()).isEqualTo(1);
  }

  @Test
  void clientError400_isNeverRetried_andPassesThroughUnchanged() throws Exception {
    SimServer small = SimServer.start(vertx, SimServerOptions.defaults().withMaxContextTokens(64)
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
    start(false, List.of(patient("small", small), patient("sim-1", sims.server(1))),
        List.of(group("m", List.of("small", "sim-1"))));
    HttpResponse<String> r = chat(false, 100);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("context_length_exceeded");
    assertAttempts(r, 1, "small");
    assertThat(received(1)).isZero();
  }

  @Test
  void fallbackGroup_servesWhenEveryEndpointOfTheGroupFailed() throws Exception {
    start(false, List.of(endpoint("sim-0", sims.server(0)), endpoint("sim-1", sims.server(1))), List.of(
        group("m", List.of("sim-0")).withFallbacks(List.of("backup")), group("backup", List.of("sim-1"))));
    fault(0, Faults.none().withNext(FaultKind.HTTP_500, 1));
    HttpResponse<String> r = chat(false, 2);
    assertThat(r.statusCode()).isEqualTo(200);
    assertAttempts(r, 2, "sim-1");
    assertThat(r.headers().firstValue("x-switchboard-fallback")).hasValue("backup");
  }

  @Test
  void primaryFailingForAMinute_isEjected_probed_andReadmitted() throws Exception {
    gateway(true, e -> e.withFailureTolerance(new FailureToleranceConfig(2, Duration.ofSeconds(30), List.of(500, 502, 503, 504), 1)), g -> g);
    fault(0, Faults.none().withProbability(FaultKind.HTTP_500, 1.0));
    for (int i = 0; i < 4; i++) assertThat(chat(false, 2).statusCode()).isEqualTo(200);
    assertThat(received(0)).isEqualTo(3);
    assertThat(admin().body()).contains("\"id\":\"sim-0\",\"breaker\":\"open\"");
    // A minute of failure, in ticker time: still open until its cooldown passes, so no traffic.
    clock.addAndGet(Duration.ofSeconds(20).toNanos());
    for (int i = 0; i < 4; i++) assertThat(chat(false, 2).statusCode()).isEqualTo(200);
    assertThat(received(0)).isEqualTo(3);
    // The replica recovers; once the cooldown is over one probe goes there and closes the breaker.
    sims.server(0).faults().clear();
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    for (int i = 0; i < 4 && received(0) == 3; i++) assertThat(chat(false, 2).statusCode()).isEqualTo(200);
    assertThat(received(0)).isEqualTo(4);
    assertThat(admin().body()).contains("\"id\":\"sim-0\",\"breaker\":\"closed\"");
    // Readmitted with slow start: its share ramps up from 10 % over 30 s.
    assertThat(admin().body()).contains("\"weight_factor\":0.1");
    clock.addAndGet(Duration.ofSeconds(30).toNanos());
    for (int i = 0; i < 4; i++) chat(false, 2);
    assertThat(received(0)).isGreaterThanOrEqualTo(5);
  }

  @Test
  void failingHealthCheck_takesTheEndpointOut_andPassingOnesBringItBack() throws Exception {
    var check = new io.switchboard.gateway.config.HealthCheckConfig("/no-such-path", Duration.ofMillis(50),
        Duration.ofSeconds(1), 2, 2);
    gateway(false, e -> e.withHealthCheck(check), g -> g);
    await().atMost(Duration.ofSeconds(20)).until(() -> admin().body().contains("\"id\":\"sim-0\",\"breaker\":\"closed\"")
        && admin().body().contains("\"healthy\":false"));
    for (int i = 0; i < 4; i++) assertThat(chat(false, 2).headers().firstValue("x-switchboard-endpoint")).hasValue("sim-1");
    assertThat(received(0)).isZero();
    // A reload fixes the path: two passing checks readmit it.
    var fixed = gw.table.get().config().endpoints().stream()
        .map(e -> e.id().equals("sim-0") ? e.withHealthCheck(new io.switchboard.gateway.config.HealthCheckConfig(
            "/health", Duration.ofMillis(50), Duration.ofSeconds(1), 2, 2)) : e).toList();
    var c = gw.table.get().config();
    gw.load(new GatewayConfig(null, c.server(), c.auth(), fixed, c.groups()));
    await().atMost(Duration.ofSeconds(20)).until(() -> !admin().body().contains("\"healthy\":false"));
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      chat(false, 2);
      return received(0) > 0;
    });
  }

  @Test
  void healthCheckInterval_followsTheInjectedTicker() throws Exception {
    var check = new io.switchboard.gateway.config.HealthCheckConfig("/no-such-path", Duration.ofHours(1),
        Duration.ofSeconds(1), 2, 2);
    gateway(true, e -> e.withHealthCheck(check), g -> g);
    // One failed check at start; the second is due an hour later on the gateway's ticker, which stands still.
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> !admin().body().contains("\"healthy\":false"));
    clock.addAndGet(Duration.ofHours(1).toNanos());
    await().atMost(Duration.ofSeconds(20)).until(() -> admin().body().contains("\"healthy\":false"));
  }

  @Test
  void adminEndpoints_needTheAdminToken() throws Exception {
    gateway();
    assertThat(gw.send("GET", "/admin/endpoints", null).statusCode()).isEqualTo(401);
    assertThat(gw.send("GET", "/admin/endpoints", null, "authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> r = admin();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"id\":\"sim-0\"").contains("\"id\":\"sim-1\"").contains("\"in_flight\":0")
        .contains("\"cooldown_ms\":0");
  }

  @Test
  void adminEndpoints_withoutAConfiguredToken_doNotExist() throws Exception {
    var config = new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 1 << 20, null), AuthConfig.OPEN,
        List.of(endpoint("sim-0", sims.server(0))), List.of(group("m", List.of("sim-0"))));
    gw = new GatewayHarness(vertx, config);
    assertThat(gw.send("GET", "/admin/endpoints", null, "authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> admin() throws Exception {
    return gw.send("GET", "/admin/endpoints", null, "authorization", "Bearer " + ADMIN);
  }
}
