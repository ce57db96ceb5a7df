package io.switchboard.sim.server;

import static io.switchboard.sim.server.SimHttp.chat;
import static io.switchboard.sim.server.SimHttp.json;
import static io.switchboard.sim.server.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.sim.FixedSpeedEngine;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What a client sees for each injected fault. */
class SimServerFaultTest {
  private static Vertx vertx;
  private SimServer sim;

  @BeforeAll
  static void startVertx() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
    Awaitility.setDefaultTimeout(Duration.ofSeconds(10));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void startServer() {
    sim = SimServer.start(vertx, SimServerOptions.defaults().withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
  }

  @AfterEach
  void stopServer() {
    sim.close().await();
  }

  private String chatUrl() {
    return sim.baseUrl() + "/v1/chat/completions";
  }

  private LineCollector stream(String body) {
    LineCollector lines = new LineCollector();
    SimHttp.CLIENT.sendAsync(SimHttp.postRequest(chatUrl(), body), HttpResponse.BodyHandlers.fromLineSubscriber(lines));
    return lines;
  }

  @Test
  void errorStatusFaults_answerOpenAiErrorOnceThenServeNormally() {
    record Case(FaultKind kind, int status, String retryAfter, String type) {}
    List<Case> cases = List.of(
        new Case(FaultKind.HTTP_429, 429, "3", "requests"),
        new Case(FaultKind.HTTP_429_NO_RETRY_AFTER, 429, null, "requests"),
        new Case(FaultKind.HTTP_500, 500, null, "server_error"),
        new Case(FaultKind.HTTP_503, 503, null, "server_error"));
    for (Case c : cases) {
      sim.faults().set(Faults.none().withRetryAfterSeconds(3).withNext(c.kind(), 1));

      HttpResponse<String> r = post(chatUrl(), chat(2, false, ""));
      assertThat(r.statusCode()).as(c.toString()).isEqualTo(c.status());
      assertThat(r.headers().firstValue("retry-after").orElse(null)).as(c.toString()).isEqualTo(c.retryAfter());
      assertThat(json(r.body()).path("error").path("type").asString()).as(c.toString()).isEqualTo(c.type());
      // "next 1" is used up: the following request is served.
      assertThat(post(chatUrl(), chat(2, false, "")).statusCode()).as(c.toString()).isEqualTo(200);
    }
    assertThat(sim.counters().faultsInjected()).isEqualTo(4);
  }

  @Test
  void resetBeforeHeaders_clientGetsIoErrorAndNoResponse() {
    sim.faults().set(Faults.none().withNext(FaultKind.RESET_BEFORE_HEADERS, 1));

    assertThatThrownBy(() -> post(chatUrl(), chat(2, false, ""))).isInstanceOf(UncheckedIOException.class);
    assertThat(sim.counters().aborted()).isEqualTo(1);
    assertThat(sim.counters().inFlight()).isZero();
  }

  @Test
  void noResponse_holdsRequestUntilClientGivesUp() {
    sim.faults().set(Faults.none().withNext(FaultKind.NO_RESPONSE, 1));

    CompletableFuture<HttpResponse<String>> pending =
        SimHttp.CLIENT.sendAsync(SimHttp.postRequest(chatUrl(), chat(2, false, "")), HttpResponse.BodyHandlers.ofString());
    await().until(() -> sim.counters().inFlight() == 1);
    assertThat(pending).isNotDone();

    pending.cancel(true); // the client gives up: java.net.http closes the connection
    await().until(() -> sim.counters().cancelledByClient() == 1);
    assertThat(sim.counters().inFlight()).isZero();
  }

  @Test
  void slowFirstToken_delaysFirstTokenByConfiguredTime() {
    sim.faults().set(Faults.none().withSlowFirstTokenMillis(300).withNext(FaultKind.SLOW_FIRST_TOKEN, 1));

    HttpResponse<String> r = post(chatUrl(), chat(2, true, ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SimHttp.dataEvents(r.body())).last().isEqualTo("[DONE]");
    // A lower bound only (timers never fire early): the 2 ms engine TTFT became more than 250 ms.
    String metrics = SimHttp.get(sim.baseUrl() + "/metrics").body();
    assertThat(metrics).contains("vllm:time_to_first_token_seconds_bucket{le=\"0.25\",model_name=\"sim-llama-3.1-8b\"} 0.0",
        "vllm:time_to_first_token_seconds_count{model_name=\"sim-llama-3.1-8b\"} 1.0");
  }

  @Test
  void stall_afterNTokens_stopsSendingAndKeepsConnectionOpen() {
    sim.faults().set(Faults.none().withStallAfterTokens(2).withNext(FaultKind.STALL, 1));

    LineCollector lines = stream(chat(5, true, ""));
    // The engine finishes the request; the client still has only the first two tokens and no end.
    await().until(() -> sim.engineStats().await().finished() == 1);
    post(chatUrl(), chat(2, false, "")); // a full exchange afterwards: anything the stalled one sent has arrived
    assertThat(lines.data()).hasSize(2).noneMatch(d -> d.contains("[DONE]") || d.contains("finish_reason\":\"length"));
    assertThat(lines.complete).isFalse();
    assertThat(lines.error).isNull();
    assertThat(sim.counters().inFlight()).isEqualTo(1);

    lines.cancel();
    await().until(() -> sim.counters().cancelledByClient() == 1);
  }

  @Test
  void cutStream_afterNTokens_closesConnectionWithoutDone() {
    sim.faults().set(Faults.none().withCutAfterTokens(2).withNext(FaultKind.CUT_STREAM, 1));

    LineCollector lines = stream(chat(50, true, ""));
    await().until(() -> lines.error != null || lines.complete);

    assertThat(lines.error).isInstanceOf(IOException.class);
    assertThat(lines.data()).hasSize(2).doesNotContain("[DONE]");
    assertThat(sim.counters().aborted()).isEqualTo(1);
    assertThat(sim.engineStats().await().running()).isZero(); // the engine work was cancelled, not left running
  }

  @Test
  void malformedEvent_sendsOneInvalidJsonEventThenContinues() {
    sim.faults().set(Faults.none().withMalformedAfterTokens(1).withNext(FaultKind.MALFORMED_EVENT, 1));

    List<String> events = SimHttp.dataEvents(post(chatUrl(), chat(3, true, "")).body());

    assertThat(events).hasSize(6).last().isEqualTo("[DONE]"); // 3 tokens + malformed + finish + DONE
    assertThat(json(events.get(0)).path("choices").get(0).path("delta").path("content").asString()).isEqualTo("the");
    assertThatThrownBy(() -> json(events.get(1))).isInstanceOf(JacksonException.class);
    assertThat(json(events.get(2)).path("choices").get(0).path("delta").path("content").asString()).isEqualTo(" quick");
  }

  @Test
  void malformedEvent_nonStreaming_bodyIsNotJson() {
    sim.faults().set(Faults.none().withNext(FaultKind.MALFORMED_EVENT, 1));

    HttpResponse<String> r = post(chatUrl(), chat(3, false, ""));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> json(r.body())).isInstanceOf(JacksonException.class);
  }

  @Test
  void rpmLimit_sendsRateLimitHeadersAndAnswers429WhenExceeded() {
    sim.faults().set(Faults.none().withRateLimits(2, 1_000));

    HttpResponse<String> first = post(chatUrl(), chat(5, false, ""));
    HttpResponse<String> second = post(chatUrl(), chat(5, false, ""));
    HttpResponse<String> third = post(chatUrl(), chat(5, false, ""));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
    assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
    assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("1000");
    assertThat(first.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("989"); // 6 prompt + 5 max
    assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).isPresent();
    assertThat(first.headers().firstValue("x-ratelimit-reset-tokens")).isPresent();
    assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("retry-after")).isPresent();
    assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    JsonNode error = json(third.body()).path("error");
    assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
    assertThat(error.path("type").asString()).isEqualTo("requests");
    assertThat(sim.counters().rateLimited()).isEqualTo(1);
  }

  @Test
  void tpmLimit_answers429WhenTokensWouldExceedIt() {
    sim.faults().set(Faults.none().withRateLimits(0, 20));

    assertThat(post(chatUrl(), chat(5, false, "")).statusCode()).isEqualTo(200); // 11 tokens
    HttpResponse<String> refused = post(chatUrl(), chat(5, false, ""));

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(json(refused.body()).path("error").path("type").asString()).isEqualTo("tokens");
    assertThat(refused.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("9");
    assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).isEmpty(); // no RPM configured
  }

  @Test
  void adminFaults_postChangesFaultsAndGetShowsThem() {
    HttpResponse<String> set = post(sim.baseUrl() + "/admin/faults", "{\"http_503\": {\"next\": 1}, \"http_500\": 0.0, \"rpm\": 100}");
    assertThat(set.statusCode()).isEqualTo(200);

    JsonNode shown = json(SimHttp.get(sim.baseUrl() + "/admin/faults").body());
    assertThat(shown.path("http_503").path("next").asInt()).isEqualTo(1);
    assertThat(shown.path("rpm").asInt()).isEqualTo(100);
    assertThat(sim.faults().current().rule(FaultKind.HTTP_503)).isEqualTo(FaultRule.next(1));
    assertThat(post(chatUrl(), chat(2, false, "")).statusCode()).isEqualTo(503);
    assertThat(post(chatUrl(), chat(2, false, "")).statusCode()).isEqualTo(200);

    HttpResponse<String> cleared = post(sim.baseUrl() + "/admin/faults", "{\"clear\": true}");
    assertThat(json(cleared.body()).path("rpm").asInt()).isZero();
  }

  @Test
  void adminFaults_unknownKeyOrBadValue_answers400NamingIt() {
    HttpResponse<String> unknown = post(sim.baseUrl() + "/admin/faults", "{\"http_999\": 0.5}");
    HttpResponse<String> bad = post(sim.baseUrl() + "/admin/faults", "{\"http_500\": 1.5}");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown.body()).path("error").path("message").asString()).contains("http_999", "http_429");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).path("error").path("message").asString()).contains("probability", "1.5");
    assertThat(sim.faults().current()).isEqualTo(Faults.none());
  }
}
