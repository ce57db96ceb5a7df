package io.switchboard.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.gateway.internal.GatewayVerticle;
import io.switchboard.gateway.internal.Shared;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
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
  private final String deploymentFirst;
  private final String deploymentRest;

  private Gateway(Vertx vertx, int port, String deploymentFirst, String deploymentRest) {
    this.vertx = vertx;
    this.port = port;
    this.deploymentFirst = deploymentFirst;
    this.deploymentRest = deploymentRest;
  }

  /**
   * Starts the servers. The first verticle binds the port (resolving port 0 to a free one); the others
   * then bind the same port, which Vert.x shares between them.
   */
  public static Future<Gateway> start(Vertx vertx, GatewayOptions options, Supplier<RoutingTable> tables,
                                      PrometheusMeterRegistry registry) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(registry, "registry");
    Shared shared = new Shared(vertx, tables, registry, options.ticker());
    GatewayVerticle first = new GatewayVerticle(shared, options.host(), options.port());
    return vertx.deployVerticle(first).compose(id1 -> {
      int port = first.actualPort();
      if (options.instances() == 1) return Future.succeededFuture(new Gateway(vertx, port, id1, null));
      return vertx.deployVerticle(() -> new GatewayVerticle(shared, options.host(), port),
              new DeploymentOptions().setInstances(options.instances() - 1))
          .map(id2 -> new Gateway(vertx, port, id1, id2));
    });
  }

  /** The port the gateway listens on. */
  public int port() { return port; }

  /** Stops accepting requests and closes the servers and upstream connections. */
  public Future<Void> close() {
    Future<Void> rest = deploymentRest == null ? Future.succeededFuture() : vertx.undeploy(deploymentRest);
    return rest.compose(v -> vertx.undeploy(deploymentFirst));
  }
}
