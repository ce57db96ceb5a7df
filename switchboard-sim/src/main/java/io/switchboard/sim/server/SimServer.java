package io.switchboard.sim.server;

import io.switchboard.sim.EngineStats;
import io.switchboard.sim.server.internal.Counters;
import io.switchboard.sim.server.internal.FaultState;
import io.switchboard.sim.server.internal.SimVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.SplittableRandom;

/**
 * A simulated OpenAI-compatible inference server on 127.0.0.1, driving its own {@link io.switchboard.sim.Engine}
 * in real time on one Vert.x event loop.
 *
 * <p>Endpoints: {@code POST /v1/chat/completions}, {@code POST /v1/completions} (streaming or not),
 * {@code POST /v1/embeddings}, {@code GET /v1/models}, {@code GET /health}, {@code GET /metrics} (vLLM
 * names), {@code GET|POST /admin/faults}. In a test:
 * <pre>{@code
 * SimServer sim = SimServer.start(vertx, SimServerOptions.defaults()
 *     .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
 * URI uri = URI.create(sim.baseUrl() + "/v1/chat/completions");
 * sim.faults().set(Faults.none().withNext(FaultKind.HTTP_503, 1));   // the next request gets a 503
 * ...
 * sim.close().await();
 * }</pre>
 */
public final class SimServer {
  private final Vertx vertx;
  private final SimServerOptions options;
  private final SimVerticle verticle;
  private final FaultState faults;
  private final Counters counters;
  private final String deploymentId;

  private SimServer(Vertx vertx, SimServerOptions options, SimVerticle verticle, FaultState faults, Counters counters,
                    String deploymentId) {
    this.vertx = vertx;
    this.options = options;
    this.verticle = verticle;
    this.faults = faults;
    this.counters = counters;
    this.deploymentId = deploymentId;
  }

  /** Binds a server (on its own event loop) and completes once it listens. */
  public static Future<SimServer> start(Vertx vertx, SimServerOptions options) {
    FaultState faults = new FaultState(options.faults(), new SplittableRandom(options.seed()));
    Counters counters = new Counters();
    SimVerticle verticle = new SimVerticle(options, faults, counters);
    return vertx.deployVerticle(verticle).map(id -> new SimServer(vertx, options, verticle, faults, counters, id));
  }

  /** The port it listens on (the actual one when started with port 0). */
  public int port() {
    return verticle.port();
  }

  /** {@code http://host:port}, without a trailing slash; append {@code /v1/...}. */
  public String baseUrl() {
    return "http://" + options.host() + ":" + port();
  }

  public SimServerOptions options() {
    return options;
  }

  /** The run-time fault switch (same state as {@code /admin/faults}). */
  public FaultControl faults() {
    return faults;
  }

  /** A snapshot of the request counters; thread-safe. */
  public SimCounters counters() {
    return counters.snapshot();
  }

  /** The engine's own counters (running, waiting, KV use, ...), read on the server's event loop. */
  public Future<EngineStats> engineStats() {
    return verticle.engineStats();
  }

  /** Stops listening and closes every open connection (held and stalled requests included). */
  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }
}
