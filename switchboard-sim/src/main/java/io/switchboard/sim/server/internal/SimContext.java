package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;

/** What every handler of one server shares. Everything but {@code faults} and {@code counters} is event-loop only. */
final class SimContext {
  private final Vertx vertx;
  private final SimServerOptions options;
  private final EngineDriver driver;
  private final SimMetrics metrics;
  private final Counters counters;
  private final FaultState faults;
  private final RateLimitWindows limits;
  private int port;
  private long nextRequestId = 1;

  SimContext(Vertx vertx, SimServerOptions options, EngineDriver driver, Counters counters, FaultState faults) {
    this.vertx = vertx;
    this.options = options;
    this.driver = driver;
    this.metrics = new SimMetrics(options.model());
    this.counters = counters;
    this.faults = faults;
    this.limits = new RateLimitWindows(driver::now, 60_000_000_000L);
  }

  Vertx vertx() { return vertx; }
  SimServerOptions options() { return options; }
  EngineDriver driver() { return driver; }
  SimMetrics metrics() { return metrics; }
  Counters counters() { return counters; }
  FaultState faults() { return faults; }
  RateLimitWindows limits() { return limits; }
  int port() { return port; }
  void port(int port) { this.port = port; }
  long nextRequestId() { return nextRequestId++; }
  long epochSeconds() { return System.currentTimeMillis() / 1000; }
}
