package io.switchboard.sim.server;

import static io.switchboard.sim.server.SimHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.sim.FixedSpeedEngine;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimClusterTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @Test
  void start_ephemeralPorts_serversAreIndependent() {
    SimCluster cluster = SimCluster.start(vertx, 3, 0,
        SimServerOptions.defaults().withEngineFactory(() -> FixedSpeedEngine.ofMillis(1, 1))).await();
    try {
      assertThat(cluster.baseUrls()).hasSize(3).doesNotHaveDuplicates();
      cluster.server(1).faults().set(Faults.none().withProbability(FaultKind.HTTP_503, 1.0));

      assertThat(SimHttp.post(cluster.server(0).baseUrl() + "/v1/chat/completions", chat(2, false, "")).statusCode()).isEqualTo(200);
      assertThat(SimHttp.post(cluster.server(1).baseUrl() + "/v1/chat/completions", chat(2, false, "")).statusCode()).isEqualTo(503);
      assertThat(cluster.server(2).counters().received()).isZero();
    } finally {
      cluster.close().await();
    }
  }

  @Test
  void start_portTaken_fails() throws Exception {
    // A plain socket, not a Vert.x server: Vert.x shares a port among its own servers instead of failing.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> SimCluster.start(vertx, 2, taken.getLocalPort(), SimServerOptions.defaults()).await())
          .hasMessageContaining("in use");
    }
  }

  @Test
  void close_withHeldAndStreamingRequests_closesTheirConnections() {
    SimServer sim = SimServer.start(vertx, SimServerOptions.defaults().withEngineFactory(() -> FixedSpeedEngine.ofMillis(1, 50))
        .withFaults(Faults.none().withNext(FaultKind.NO_RESPONSE, 1))).await();
    String url = sim.baseUrl() + "/v1/chat/completions";
    // The fault holds whichever request arrives first, so the stream is sent only once the held one is in.
    var held = SimHttp.CLIENT.sendAsync(SimHttp.postRequest(url, chat(2, false, "")), HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.counters().inFlight() == 1);
    LineCollector streaming = new LineCollector();
    SimHttp.CLIENT.sendAsync(SimHttp.postRequest(url, chat(100, true, "")), HttpResponse.BodyHandlers.fromLineSubscriber(streaming));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(sim.counters().inFlight()).as("requests in flight").isEqualTo(2);
      assertThat(streaming.lines).as("streamed lines").isNotEmpty();
    });

    sim.close().await();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(held).as("held request").isDone();
      assertThat(streaming.error).as("streaming request's error").isNotNull();
    });
    assertThat(held).isCompletedExceptionally();
  }
}
