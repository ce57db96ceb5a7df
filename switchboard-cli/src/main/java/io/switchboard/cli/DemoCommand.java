package io.switchboard.cli;

import io.switchboard.core.Strategies;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.gateway.routing.RoutingTable;
import io.switchboard.sim.Engines;
import io.switchboard.sim.server.SimCluster;
import io.switchboard.sim.server.SimServer;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard demo}: the gateway on 127.0.0.1 in front of three in-process simulated backends
 * (calibrated H100 replicas), with a built-in config, until Ctrl-C.
 */
@Command(name = "demo", description = {
    "Start the gateway on 127.0.0.1 in front of 3 simulated OpenAI-compatible backends and print curl",
    "commands to try. Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {
  static final String MODEL = "demo";
  private static final int REPLICAS = 3;

  @Option(names = "--port", defaultValue = "8080", description = "Gateway port (default ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    SimCluster sims;
    Gateway gateway;
    try {
      // Calibrated vLLM-like replicas of Llama-3.1-8B on an H100 (first token ~14 ms, then ~6.5 ms a token).
      sims = SimCluster.start(vertx, REPLICAS, 0, SimServerOptions.defaults().withModel(MODEL)
          .withEngineFactory(Engines.forGpu("h100"))).await();
      RoutingTable table = RoutingTable.build(config(sims), new RoutingTable.Registry(), new SplittableRandom());
      gateway = Gateway.start(vertx, GatewayOptions.of(ServerConfig.DEFAULT_HOST, port), () -> table,
          Gateway.newMeterRegistry()).await();
    } catch (Exception e) {
      System.err.println("switchboard demo: could not start on " + ServerConfig.DEFAULT_HOST + ":" + port + ": "
          + e.getMessage() + (port != 0 ? " (is the port in use? try --port 8181)" : ""));
      vertx.close().await();
      return 1;
    }
    SimCluster cluster = sims;
    Gateway gw = gateway;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nswitchboard demo: stopping");
      try {
        gw.close().compose(v -> cluster.close()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        // Closed from this thread, not chained on an event loop that the close itself terminates.
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("switchboard demo: unclean stop: " + e);
      }
    }, "switchboard-demo-stop"));
    printBanner(gw.port(), cluster);
    // Runs until Ctrl-C: the JVM then runs the hook above and exits. Returning (and so System.exit) from
    // here while the hook runs would deadlock, so this thread just waits.
    new CountDownLatch(1).await();
    return 0;
  }

  static GatewayConfig config(SimCluster sims) {
    Timeouts timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofMinutes(5));
    List<EndpointConfig> endpoints = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sims.size(); i++) {
      String id = "sim-" + i;
      ids.add(id);
      endpoints.add(new EndpointConfig(id, URI.create(sims.server(i).baseUrl() + "/v1"), "openai", null, Map.of(),
          1, 64, timeouts));
    }
    GroupConfig group = new GroupConfig(MODEL, ids, Strategies.LEAST_OUTSTANDING, 256, Duration.ofSeconds(10));
    return new GatewayConfig(null, new ServerConfig(ServerConfig.DEFAULT_HOST, 0, ServerConfig.DEFAULT_MAX_BODY_BYTES,
        null), AuthConfig.OPEN, endpoints, List.of(group));
  }

  private static void printBanner(int port, SimCluster sims) {
    String base = "http://127.0.0.1:" + port;
    String body = "'{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],"
        + "\"max_tokens\":20%s}'";
    System.out.println("switchboard demo: gateway on " + base + " in front of " + sims.size()
        + " simulated backends (" + String.join(", ", sims.servers().stream().map(SimServer::baseUrl).toList()) + ")");
    System.out.println();
    System.out.println("Non-streaming chat completion:");
    System.out.println("  curl -s " + base + "/v1/chat/completions -H 'content-type: application/json' -d "
        + body.formatted(""));
    System.out.println();
    System.out.println("Streaming chat completion:");
    System.out.println("  curl -sN " + base + "/v1/chat/completions -H 'content-type: application/json' -d "
        + body.formatted(",\"stream\":true"));
    System.out.println();
    System.out.println("Also: curl -s " + base + "/v1/models   curl -s " + base + "/metrics");
    System.out.println("Press Ctrl-C to stop.");
  }
}
