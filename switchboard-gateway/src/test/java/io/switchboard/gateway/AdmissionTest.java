package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.config.AdmissionConfig;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.GroupConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The admission queue through the gateway: priority classes, receipts of queued requests, TTFT hold and shed. */
class AdmissionTest extends SimGatewayTest {
  AdmissionTest() { super(1); }

  /** One endpoint with one slot, so every other request queues. */
  private void gateway(String strategy, Duration queueTimeout, AdmissionConfig admission) {
    var e = endpoint("sim-0", sims.server(0).baseUrl(), 1, GatewayHarness.FAST);
    gw = new GatewayHarness(vertx, config(AuthConfig.OPEN, List.of(e), List.of(
        new GroupConfig("m", List.of("sim-0"), strategy, 8, queueTimeout).withAdmission(admission))));
  }

  private static String body(boolean stream, int maxTokens) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],\"stream\":" + stream
        + ",\"max_tokens\":" + maxTokens + "}";
  }

  private CompletableFuture<HttpResponse<String>> send(String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.base() + "/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
    if (headers.length > 0) b.headers(headers);
    return gw.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int depth() { return gw.table.get().resolve("m").router().queue().depth(); }

  private String metrics() throws Exception { return gw.send("GET", "/metrics", null).body(); }

  @Test
  void queuedRequests_leaveByPriority_andCarryTheirRoutingReceipt() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    // The test holds the endpoint's only slot itself, so the three requests surely queue.
    var sim = gw.states.get("sim-0");
    assertThat(sim.tryAcquire(0)).isTrue();
    ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    var low = send(body(false, 1), "x-switchboard-priority", "-1").whenComplete((r, e) -> done.add("low"));
    await().until(() -> depth() == 1);
    var normal = send(body(false, 1)).whenComplete((r, e) -> done.add("normal"));
    await().until(() -> depth() == 2);
    var high = send(body(false, 1), "x-switchboard-priority", "5").whenComplete((r, e) -> done.add("high"));
    await().until(() -> depth() == 3);

    sim.release(0);
    gw.table.get().resolve("m").router().drainQueue();
    for (var f : List.of(low, normal, high)) {
      HttpResponse<String> r = f.get();
      assertThat(r.statusCode()).isEqualTo(200);
      // Admitted from the queue, yet routed like any request: the receipt names the policy and the pick.
      assertThat(r.headers().firstValue("x-switchboard-route")).hasValueSatisfying(v -> assertThat(v).startsWith("smart pick=sim-0"));
    }
    // One slot: each waiter ran alone, so completion order is admission order.
    await().until(() -> done.size() == 3);
    assertThat(done).containsExactly("high", "normal", "low");
    String m = metrics();
    assertThat(m).contains("switchboard_queue_wait_seconds_count{group=\"m\",outcome=\"admitted\",priority=\"5\"} 1");
    assertThat(m).contains("switchboard_admission_queue_class_depth{group=\"m\",priority=\"-1\"} 0.0");
  }

  @Test
  void objectiveNoEndpointMeets_shedsASheddableClassAtOnce_withRetryAfter() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    // The untrained TTFT model predicts at least 15 ms on an idle endpoint: 1 ms cannot be promised.
    HttpResponse<String> r = send(body(false, 1), "x-switchboard-priority", "-1", "x-switchboard-ttft-objective-ms", "1").get();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("retry-after")).hasValue("1");
    assertThat(r.body()).contains("\"code\":\"objective_unreachable\"")
        .contains("predicted to give a first token within 1 ms now");
    assertThat(gw.states.get("sim-0").dispatched()).isZero();
  }

  @Test
  void objectiveNoEndpointMeets_holdsTheDefaultClass_untilItsQueueTimeout() throws Exception {
    gateway("smart", Duration.ofMillis(300), AdmissionConfig.DEFAULT);
    var held = send(body(false, 1), "x-switchboard-ttft-objective-ms", "1");
    await().until(() -> depth() == 1);
    // A request without an objective passes the held one: the endpoint is free.
    assertThat(send(body(false, 1)).get().statusCode()).isEqualTo(200);
    HttpResponse<String> r = held.get();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"code\":\"no_endpoint_available\"");
    assertThat(metrics()).contains("switchboard_queue_wait_seconds_count{group=\"m\",outcome=\"timed_out\",priority=\"0\"} 1");
  }

  @Test
  void objectiveAnEndpointMeets_isRoutedAtOnce() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    HttpResponse<String> r = send(body(false, 1), "x-switchboard-priority", "-1", "x-switchboard-ttft-objective-ms", "5000").get();
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void objectiveHeaderThatIsNotWholeMilliseconds_gets400() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    HttpResponse<String> r = send(body(false, 1), "x-switchboard-ttft-objective-ms", "fast").get();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("x-switchboard-ttft-objective-ms");
  }

  @Test
  void tpotObjectiveHeaderThatIsNotWholeMilliseconds_gets400() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    HttpResponse<String> r = send(body(false, 1), "x-switchboard-tpot-objective-ms", "0.5").get();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("x-switchboard-tpot-objective-ms");
    assertThat(gw.states.get("sim-0").dispatched()).isZero();
  }

  @Test
  void tpotObjectiveNoEndpointMeets_shedsASheddableClass() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    // The untrained TPOT model predicts 8 ms per token on an idle endpoint.
    HttpResponse<String> r = send(body(false, 1), "x-switchboard-priority", "-1", "x-switchboard-tpot-objective-ms", "1").get();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"code\":\"objective_unreachable\"").contains("a token every 1 ms");
    assertThat(gw.states.get("sim-0").dispatched()).isZero();
  }

  @Test
  void bothObjectives_areRoutedWhenOneEndpointMeetsBoth_andTheErrorNamesBoth() throws Exception {
    gateway("smart", Duration.ofSeconds(10), AdmissionConfig.DEFAULT);
    HttpResponse<String> ok = send(body(false, 1), "x-switchboard-priority", "-1",
        "x-switchboard-ttft-objective-ms", "5000", "x-switchboard-tpot-objective-ms", "500").get();
    assertThat(ok.statusCode()).isEqualTo(200);
    HttpResponse<String> shed = send(body(false, 1), "x-switchboard-priority", "-1",
        "x-switchboard-ttft-objective-ms", "5000", "x-switchboard-tpot-objective-ms", "1").get();
    assertThat(shed.statusCode()).isEqualTo(503);
    assertThat(shed.body()).contains("a first token within 5000 ms and a token every 1 ms after it");
  }

  @Test
  void shedBelowPriority_isPerGroup() throws Exception {
    // This group sheds everything below class 1, the default class included.
    gateway("smart", Duration.ofSeconds(10), new AdmissionConfig("fifo", 2000, 1));
    HttpResponse<String> r = send(body(false, 1), "x-switchboard-ttft-objective-ms", "1").get();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("objective_unreachable");
  }
}
