package io.switchboard.sim.server.internal;

import io.switchboard.sim.EngineStats;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One simulated server as a verticle, so that it owns one event loop: its HTTP handlers, its engine, the
 * engine's timer and all per-request state run on that loop and nowhere else.
 */
public final class SimVerticle extends VerticleBase {
  private final SimServerOptions options;
  private final FaultState faults;
  private final Counters counters;
  private EngineDriver driver;
  private HttpServer server;

  public SimVerticle(SimServerOptions options, FaultState faults, Counters counters) {
    this.options = options;
    this.faults = faults;
    this.counters = counters;
  }

  @Override
  public Future<?> start() {
    long origin = System.nanoTime();
    driver = new EngineDriver(context, options.engineFactory().get(), () -> System.nanoTime() - origin);
    SimContext sim = new SimContext(vertx, options, driver, counters, faults);
    server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(new SimHandler(sim));
    return server.listen(options.port(), options.host()).onSuccess(s -> sim.port(s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    driver.close();
    return server.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** The engine's counters, read on the server's event loop. */
  public Future<EngineStats> engineStats() {
    Promise<EngineStats> p = Promise.promise();
    context.runOnContext(v -> p.complete(driver.stats()));
    return p.future();
  }
}
