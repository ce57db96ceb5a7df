package io.switchboard.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.gateway.internal.EngineScraper;
import io.switchboard.gateway.internal.GatewayVerticle;
import io.switchboard.gateway.internal.HealthChecks;
import io.switchboard.gateway.internal.Shared;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * A running gateway: {@link GatewayOptions#instances()} server verticles, one per event loop, sharing one
 * listening port. Each request reads {@code tables.get()} once and keeps that table to its end, so a
 * config reload is one swap of what the supplier returns.
 *
 * <pre>{@code
 * Gateway gw = Gateway.start(vertx, GatewayOptions.of("127.0.0.1", 8080), tableRef::get, registry)
 *     .await();
 * ...
 * gw.close().await();
 * }</pre>
 */
public final class Gateway {
  private final Vertx vertx;
  private final int port;
  private final String deploymentId;
  private final HealthChecks health;
  private final EngineScraper scraper;

  private Gateway(Vertx vertx, int port, String deploymentId, HealthChecks health, EngineScraper scraper) {
    this.vertx = vertx;
    this.port = port;
    this.deploymentId = deploymentId;
    this.health = health;
    this.scraper = scraper;
  }

  /**
   * Starts the servers. Port 0 becomes Vert.x's shared random port (-1), so every instance binds the same
   * free port instead of one each.
   */
  /**
   * The meter registry {@code switchboard serve} uses: Prometheus defaults, with the event loops' cheap clock
   * ({@code LoopClock}) for rotating the windows of maxima and histograms.
   */
  public static PrometheusMeterRegistry newMeterRegistry() {
    return new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT,
        new io.prometheus.metrics.model.registry.PrometheusRegistry(), io.switchboard.gateway.internal.LoopClock.METERS);
  }

  public static Future<Gateway> start(Vertx vertx, GatewayOptions options, Supplier<RoutingTable> tables,
                                      PrometheusMeterRegistry registry) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(registry, "registry");
    Shared shared = new Shared(vertx, tables, registry, options.ticker());
    int port = options.port() == 0 ? -1 : options.port();
    Queue<GatewayVerticle> started = new ConcurrentLinkedQueue<>();
    return vertx.deployVerticle(() -> {
          GatewayVerticle v = new GatewayVerticle(shared, options.host(), port);
          started.add(v);
          return v;
        }, new DeploymentOptions().setInstances(options.instances()))
        .map(id -> new Gateway(vertx, started.peek().actualPort(), id, new HealthChecks(vertx, shared),
            new EngineScraper(vertx, shared)));
  }

  /** The port the gateway listens on. */
  public int port() { return port; }

  /** Stops accepting requests and closes the servers and upstream connections. */
  public Future<Void> close() {
    return health.close().compose(v -> scraper.close()).compose(v -> vertx.undeploy(deploymentId));
  }
}
