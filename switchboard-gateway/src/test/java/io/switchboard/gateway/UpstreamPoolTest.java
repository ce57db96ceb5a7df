package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.config.AuthConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's own upstream keep-alive pool: reuse, and never handing out a connection that is closing. */
class UpstreamPoolTest {
  private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ANSWER = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

  private final Vertx vertx = Vertx.vertx();
  private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> connectionHeader = new AtomicReference<>();
  private HttpServer upstream;
  private GatewayHarness gw;

  @AfterEach
  void close() {
    if (gw != null) gw.close();
    if (upstream != null) upstream.close().await();
    vertx.close().await();
  }

  private void start() {
    upstream = vertx.createHttpServer().connectionHandler(connections::add).requestHandler(req -> req.body()
        .onSuccess(b -> {
          var resp = req.response().putHeader("content-type", "application/json");
          if (connectionHeader.get() != null) resp.putHeader("connection", connectionHeader.get());
          resp.end(ANSWER);
        })).listen(0, "127.0.0.1").await();
    String url = "http://127.0.0.1:" + upstream.actualPort();
    gw = new GatewayHarness(vertx, GatewayHarness.config(AuthConfig.OPEN,
        List.of(GatewayHarness.endpoint("u", url, 64, Map.of())),
        List.of(GatewayHarness.group("m", List.of("u"), 16, Duration.ofSeconds(1)))));
  }

  private double openGauge() {
    return gw.registry.get("switchboard_upstream_connections").gauge().value();
  }

  @Test
  void sequentialRequests_reuseOneUpstreamConnection() throws Exception {
    start();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = gw.post("/v1/chat/completions", BODY);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(ANSWER);
    }
    assertThat(connections).hasSize(1);
    assertThat(openGauge()).isEqualTo(1.0);
  }

  @Test
  void answerWithConnectionClose_isNeverReused_andEveryRequestSucceedsFirstTime() throws Exception {
    connectionHeader.set("close");
    start();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = gw.post("/v1/chat/completions", BODY);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("1");
    }
    assertThat(connections).hasSize(4);
    await().atMost(Duration.ofSeconds(5)).until(() -> openGauge() == 0.0);
  }

  @Test
  void connectionClosedByTheUpstreamWhileIdle_leavesThePool_andTheNextRequestOpensAFreshOne() throws Exception {
    start();
    assertThat(gw.post("/v1/chat/completions", BODY).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> openGauge() == 1.0);
    for (HttpConnection c : connections) c.close().await();
    await().atMost(Duration.ofSeconds(5)).until(() -> openGauge() == 0.0);
    HttpResponse<String> r = gw.post("/v1/chat/completions", BODY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("1");
    assertThat(connections).hasSize(2);
  }
}
