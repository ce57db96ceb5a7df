package io.switchboard.bench.chaos;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The gateway under test, in process, configured the way the documentation recommends for replicas that
 * can die: short connect and first-byte timeouts, a breaker that opens after a few failures, active health
 * checks a few times a second, slow start on readmission, retries with a small backoff, and stream hold
 * that outlasts the first-byte timeout (so a stream that stalls before its first token fails over rather
 * than being committed empty). The YAML is what a user would write; {@link #yaml} prints it in the report.
 */
final class ChaosGateway {
  static final String MODEL = "chaos";
  static final String ADMIN_TOKEN = "chaos-admin";
  /** The gateway gives up on a request this long after it arrived; the client waits far longer. */
  static final long DEADLINE_MILLIS = 20_000;

  final String yaml;
  final Gateway gateway;

  private ChaosGateway(String yaml, Gateway gateway) {
    this.yaml = yaml;
    this.gateway = gateway;
  }

  static ChaosGateway start(Vertx vertx, List<Integer> simPorts) {
    String yaml = yaml(simPorts);
    GatewayConfig config = ConfigLoader.parse(yaml, Path.of("chaos.yaml")).orElseThrow();
    RoutingTable table = RoutingTable.build(config, new RoutingTable.Registry(), new SplittableRandom(11));
    Gateway gw = Gateway.start(vertx, GatewayOptions.of("127.0.0.1", 0), () -> table,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
    return new ChaosGateway(yaml, gw);
  }

  static String endpointId(int i) { return "sim-" + i; }

  static String yaml(List<Integer> simPorts) {
    StringBuilder sb = new StringBuilder();
    sb.append("server: {host: 127.0.0.1, port: 0, admin_token: ").append(ADMIN_TOKEN).append("}\n");
    sb.append("endpoints:\n");
    for (int i = 0; i < simPorts.size(); i++) {
      sb.append("  - id: ").append(endpointId(i)).append('\n')
          .append("    url: http://127.0.0.1:").append(simPorts.get(i)).append("/v1\n")
          .append("    max_concurrent: 48\n")
          .append("    timeouts: {connect: 500ms, first_byte: 3s, idle: 2s, total: 20s}\n")
          .append("    failure_tolerance: {allowed_failures_per_minute: 3, cooldown: 2s}\n")
          .append("    health_check: {path: /health, interval: 250ms, timeout: 1s, healthy_threshold: 2, unhealthy_threshold: 2}\n")
          .append("    slow_start: 3s\n");
    }
    sb.append("groups:\n");
    sb.append("  - model: ").append(MODEL).append('\n');
    sb.append("    endpoints: [");
    for (int i = 0; i < simPorts.size(); i++) sb.append(i == 0 ? "" : ", ").append(endpointId(i));
    sb.append("]\n");
    sb.append("    strategy: least-outstanding\n")
        .append("    queue: {size: 256, timeout: 5s}\n")
        .append("    retry: {attempts: 4, backoff_base: 20ms, backoff_cap: 250ms, deadline: ")
        .append(DEADLINE_MILLIS / 1000).append("s, budget_ratio: 0.3}\n")
        .append("    stream: {hold_first_token_bytes: 64KiB, hold_first_token_timeout: 5s, continue_on_failure: true}\n");
    return sb.toString();
  }
}
