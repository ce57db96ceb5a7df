package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.Strategies;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.EngineMetricsConfig;
import io.switchboard.gateway.config.FailureToleranceConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.HealthCheckConfig;
import io.switchboard.gateway.config.RetryConfig;
import io.switchboard.gateway.config.Secret;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.TlsConfig;
import io.switchboard.gateway.config.UsageLimitsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An https upstream through real TLS: an in-process Vert.x server with a certificate for {@code localhost} signed by
 * a test CA (src/test/resources/tls). With that CA as the endpoint's {@code tls.ca_file} requests, health checks and
 * engine scrapes succeed and carry SNI; without it the certificate is untrusted and the attempt is a connect
 * failure the client sees as a 502 and failover routes around.
 */
class HttpsUpstreamTest {
  private static final Path TLS = Path.of("src/test/resources/tls");
  private static final TlsConfig TEST_CA = TlsConfig.read(TLS.resolve("test-ca.pem"));
  private static final TlsConfig OTHER_CA = TlsConfig.read(TLS.resolve("other-ca.pem"));
  private static final String ADMIN = "admin-secret";
  private static final String CHAT = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"secure hello\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":30,\"total_tokens\":37}}";
  private static final String STREAM = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"secure\"}}]}\n\n"
      + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" hello\"},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":30,\"total_tokens\":37}}\n\n"
      + "data: [DONE]\n\n";

  private record Seen(String path, String sni) {}

  private Vertx vertx;
  private HttpServer https;
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private GatewayHarness gw;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    https = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(TLS.resolve("localhost-cert.pem").toString())
                .setKeyPath(TLS.resolve("localhost-key.pem").toString())))
        .requestHandler(req -> req.body().onSuccess(b -> answer(req, b.toString())))
        .listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void tearDown() {
    if (gw != null) gw.close();
    vertx.close().await();
  }

  private void answer(HttpServerRequest req, String body) {
    seen.add(new Seen(req.path(), req.connection().indicatedServerName()));
    if (!req.path().endsWith("/chat/completions")) {
      req.response().end(req.path().equals("/metrics") ? "vllm:num_requests_running{model_name=\"m\"} 1.0\n" : "ok");
    } else if (body.contains("\"stream\":true")) {
      req.response().putHeader("content-type", "text/event-stream").end(STREAM);
    } else {
      req.response().putHeader("content-type", "application/json").end(CHAT);
    }
  }

  private String httpsUrl() { return "https://localhost:" + https.actualPort() + "/v1"; }

  private static EndpointConfig endpoint(String id, String url, TlsConfig tls) {
    return new EndpointConfig(id, URI.create(url), "openai", null, Map.of(), 1, 8, GatewayHarness.FAST,
        FailureToleranceConfig.DEFAULT, new UsageLimitsConfig(0, 1000), null, Duration.ZERO, null, 0, Map.of(), tls);
  }

  private static GatewayConfig config(List<EndpointConfig> endpoints) {
    GroupConfig g = new GroupConfig("m", endpoints.stream().map(EndpointConfig::id).toList(), Strategies.ROUND_ROBIN,
        0, Duration.ZERO).withRetry(new RetryConfig(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10), 1));
    return new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 64 * 1024, new Secret(ADMIN, "test")),
        AuthConfig.OPEN, endpoints, List.of(g));
  }

  /** A frozen clock: the token budget does not refill, so what it lost is exactly the tokens accounted. */
  private void start(List<EndpointConfig> endpoints) {
    gw = new GatewayHarness(vertx, config(endpoints), new GatewayOptions("127.0.0.1", 0, 1, () -> 1_000_000_000L));
  }

  private HttpResponse<String> chat(boolean stream) throws Exception {
    return gw.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"max_tokens\":50,\"stream\":" + stream + "}");
  }

  private String admin() throws Exception {
    return gw.send("GET", "/admin/endpoints", null, "authorization", "Bearer " + ADMIN).body();
  }

  @Test
  void httpsEndpoint_withCaFile_answersStreamAndNonStreamWithUsageAndSendsSni() throws Exception {
    start(List.of(endpoint("tls-1", httpsUrl(), TEST_CA)));

    HttpResponse<String> plain = chat(false);
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(plain.body()).contains("secure hello").contains("\"total_tokens\":37");
    assertThat(plain.headers().firstValue("x-switchboard-endpoint")).hasValue("tls-1");
    HttpResponse<String> stream = chat(true);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains("\"secure\"").contains("data: [DONE]");
    assertThat(stream.headers().firstValue("x-switchboard-endpoint")).hasValue("tls-1");

    // Both answers' real usage (37 tokens each) was charged to the endpoint's tokens-per-minute budget.
    assertThat(admin()).contains("\"tpm\":{\"per_minute\":1000,\"available\":926}");
    // "localhost" has no dot, so the JDK alone would not have sent SNI: the gateway forces it.
    assertThat(seen).extracting(Seen::sni).hasSize(2).containsOnly("localhost");
  }

  @Test
  void httpsEndpoint_withoutCaFile_isAnOpenAiShaped502ConnectFailure() throws Exception {
    start(List.of(endpoint("untrusted", httpsUrl(), null)));

    HttpResponse<String> r = chat(false);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(r.body()).startsWith("{\"error\":{").contains("\"code\":\"upstream_unreachable\"")
        .contains("Could not reach endpoint 'untrusted': TLS handshake failed: ").contains("tls.ca_file");
    // The handshake failed before any request was sent; the breaker counted it (no other endpoint to retry on).
    assertThat(seen).isEmpty();
    assertThat(admin()).contains("\"id\":\"untrusted\"").contains("\"recent_failures\":1");
  }

  @Test
  void untrustedHttpsEndpoint_failsOverToTheTrustedOne() throws Exception {
    start(List.of(endpoint("untrusted", httpsUrl(), OTHER_CA), endpoint("trusted", httpsUrl(), TEST_CA)));

    // Round robin starts at the untrusted endpoint; its connect failure is retried on the trusted one.
    HttpResponse<String> r = chat(false);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-endpoint")).hasValue("trusted");
    assertThat(r.headers().firstValue("x-switchboard-attempts")).hasValue("2");
    assertThat(seen).hasSize(1);
  }

  @Test
  void reload_changedCaFile_takesEffect() throws Exception {
    start(List.of(endpoint("tls-1", httpsUrl(), OTHER_CA)));
    assertThat(chat(false).statusCode()).isEqualTo(502);

    gw.load(config(List.of(endpoint("tls-1", httpsUrl(), TEST_CA))));

    assertThat(chat(false).statusCode()).isEqualTo(200);
  }

  @Test
  void healthChecksAndEngineScrapes_useTheCaFileAndSni() throws Exception {
    EndpointConfig e = endpoint("tls-1", httpsUrl(), TEST_CA)
        .withHealthCheck(new HealthCheckConfig("/health", Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1))
        .withMetrics(new EngineMetricsConfig("/metrics", Duration.ofSeconds(1), Duration.ofSeconds(2)));
    start(List.of(e));

    // Only a trusted handshake lets a request reach the handler.
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().map(Seen::path).toList()
        .containsAll(List.of("/health", "/metrics")));
    assertThat(seen).extracting(Seen::sni).containsOnly("localhost");
  }

  @Test
  void httpsEndpointsByIpLiteral_ipv4AndIpv6_answerWithoutSni() throws Exception {
    TlsConfig ipCa = TlsConfig.read(TLS.resolve("ip-cert.pem"));
    var ipOptions = new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(TLS.resolve("ip-cert.pem").toString()).setKeyPath(TLS.resolve("ip-key.pem").toString()));
    HttpServer v4 = vertx.createHttpServer(ipOptions).requestHandler(req -> req.body().onSuccess(b -> answer(req, b.toString())))
        .listen(0, "127.0.0.1").await();
    HttpServer v6 = vertx.createHttpServer(ipOptions).requestHandler(req -> req.body().onSuccess(b -> answer(req, b.toString())))
        .listen(0, "::1").await();
    start(List.of(endpoint("v4", "https://127.0.0.1:" + v4.actualPort() + "/v1", ipCa),
        endpoint("v6", "https://[::1]:" + v6.actualPort() + "/v1", ipCa)));

    // Round robin: one request each; an IP is not an SNI name (and the JDK refuses an IPv6 one), so none is sent.
    HttpResponse<String> a = chat(false);
    HttpResponse<String> b = chat(false);

    assertThat(List.of(a.statusCode(), b.statusCode())).as(a.body() + b.body()).containsOnly(200);
    assertThat(List.of(a.headers().firstValue("x-switchboard-endpoint").orElseThrow(),
        b.headers().firstValue("x-switchboard-endpoint").orElseThrow())).containsExactlyInAnyOrder("v4", "v6");
    assertThat(seen).hasSize(2).extracting(Seen::sni).containsOnlyNulls();
  }
}
