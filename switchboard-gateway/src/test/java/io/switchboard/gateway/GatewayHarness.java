package io.switchboard.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.core.Strategies;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/** A gateway on an ephemeral port in front of upstreams given by base URL, and a plain HTTP client for it. */
final class GatewayHarness implements AutoCloseable {
  static final Timeouts FAST = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofSeconds(20));

  final Vertx vertx;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final AtomicReference<RoutingTable> table = new AtomicReference<>();
  final RoutingTable.Registry states = new RoutingTable.Registry();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  Gateway gateway;

  GatewayHarness(Vertx vertx, GatewayConfig config) { this(vertx, config, GatewayOptions.of("127.0.0.1", 0)); }

  GatewayHarness(Vertx vertx, GatewayConfig config, GatewayOptions options) {
    this.vertx = vertx;
    load(config);
    gateway = Gateway.start(vertx, options, table::get, registry).await();
  }

  void load(GatewayConfig config) { table.set(RoutingTable.build(config, states, new SplittableRandom(7))); }

  String base() { return "http://127.0.0.1:" + gateway.port(); }

  static EndpointConfig endpoint(String id, String baseUrl, int maxConcurrent, Map<String, String> models) {
    return new EndpointConfig(id, URI.create(baseUrl + "/v1"), "openai", null, models, 1, maxConcurrent, FAST);
  }

  static EndpointConfig endpoint(String id, String baseUrl, int maxConcurrent, Timeouts timeouts) {
    return new EndpointConfig(id, URI.create(baseUrl + "/v1"), "openai", null, Map.of(), 1, maxConcurrent, timeouts);
  }

  static GroupConfig group(String model, List<String> endpoints, int queueSize, Duration queueTimeout) {
    return new GroupConfig(model, endpoints, Strategies.LEAST_OUTSTANDING, queueSize, queueTimeout);
  }

  static GatewayConfig config(AuthConfig auth, List<EndpointConfig> endpoints, List<GroupConfig> groups) {
    return new GatewayConfig(null, new ServerConfig("127.0.0.1", 0, 64 * 1024, null), auth, endpoints, groups);
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    gateway.close().await();
    http.close();
  }
}
