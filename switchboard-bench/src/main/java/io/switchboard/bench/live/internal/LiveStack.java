package io.switchboard.bench.live.internal;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.gateway.routing.RoutingTable;
import io.switchboard.sim.Engine;
import io.switchboard.sim.server.SimCluster;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One live run's servers on 127.0.0.1: N simulated replicas with fresh engines and the gateway in front of them,
 * with one model group whose strategy is the run's policy. Replicas, the gateway and the client are spread over
 * {@code eventLoops} Vert.x event loops (see {@link io.switchboard.bench.live.LiveOptions#eventLoops()}).
 */
public final class LiveStack implements AutoCloseable {
  /** The model name the client asks for and the group serves. */
  public static final String MODEL = "sim";
  /** Everything listens on loopback only. */
  public static final String HOST = ServerConfig.DEFAULT_HOST;
  /** Per-endpoint concurrency: high enough that the gateway never queues, like the replay's unlimited endpoints. */
  private static final int MAX_CONCURRENT = 8192;
  /** Prompts travel as token-id arrays, ~7 bytes a token: room for a 128k-token prompt and more. */
  private static final long MAX_BODY_BYTES = 64L << 20;

  public final Vertx vertx;
  public final SimCluster sims;
  public final Gateway gateway;
  private final List<String> endpointIds;

  private LiveStack(Vertx vertx, SimCluster sims, Gateway gateway, List<String> endpointIds) {
    this.vertx = vertx;
    this.sims = sims;
    this.gateway = gateway;
    this.endpointIds = endpointIds;
  }

  /** Starts everything, blocking the calling thread (never an event loop) until it listens. */
  public static LiveStack start(ReplayConfig config, Supplier<Engine> engines, Duration timeout, int eventLoops) {
    int n = config.replicas();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    try {
      SimCluster sims = SimCluster.start(vertx, n, 0, SimServerOptions.defaults().withModel(MODEL)
          .withEngineFactory(engines).withMaxContextTokens(Integer.MAX_VALUE)).await();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) ids.add("replica-" + i);
      GatewayConfig gc = config(sims, ids, config.policy(), timeout);
      RoutingTable table = RoutingTable.build(gc, new RoutingTable.Registry(),
          new SplittableRandom(config.seed() ^ 0x526F757465L));
      Gateway gateway = Gateway.start(vertx, GatewayOptions.of(ServerConfig.DEFAULT_HOST, 0).withInstances(eventLoops >= 4 ? 2 : 1),
          () -> table, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
      return new LiveStack(vertx, sims, gateway, List.copyOf(ids));
    } catch (RuntimeException e) {
      closeVertx(vertx);
      throw e;
    }
  }

  /** The replica an {@code x-switchboard-endpoint} value names, or -1. */
  public int replicaOf(String endpointId) { return endpointId == null ? -1 : endpointIds.indexOf(endpointId); }

  public int replicas() { return endpointIds.size(); }

  private static GatewayConfig config(SimCluster sims, List<String> ids, String policy, Duration timeout) {
    // Upstream waits may be as long as the run: an overloaded replica's queue is part of what is measured.
    Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), timeout, timeout, timeout);
    List<EndpointConfig> endpoints = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      endpoints.add(new EndpointConfig(ids.get(i), URI.create(sims.server(i).baseUrl() + "/v1"), "openai", null,
          Map.of(), 1, MAX_CONCURRENT, timeouts));
    }
    GroupConfig group = new GroupConfig(MODEL, ids, policy, 0, Duration.ofSeconds(1));
    return new GatewayConfig(null, new ServerConfig(ServerConfig.DEFAULT_HOST, 0, MAX_BODY_BYTES, null), AuthConfig.OPEN,
        endpoints, List.of(group));
  }

  @Override
  public void close() {
    try {
      gateway.close().compose(v -> sims.close()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing Vert.x below closes whatever is left.
    } finally {
      closeVertx(vertx);
    }
  }

  private static void closeVertx(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Nothing more to do: the threads are daemons of a stack that is going away.
    }
  }
}
