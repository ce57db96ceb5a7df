package io.switchboard.gateway.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Vertx;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** What every server verticle of one gateway shares; all of it is thread-safe. */
public final class Shared {
  final Vertx vertx;
  final Supplier<RoutingTable> tables;
  final PrometheusMeterRegistry registry;
  final GatewayMetrics metrics;
  final LongSupplier ticker;
  /**
   * For deadlines, guards and pools: {@link LoopClock} when {@link #ticker} is the system clock, else (tests)
   * the injected ticker itself, so a test that drives time drives everything.
   */
  final LongSupplier coarseTicker;
  final AuthKeys auth = new AuthKeys();
  final QueueDrainer drainer;
  final Guards guards;
  private volatile TokenCounting counting;
  /** Upstream connections open now, over every event loop's pool. */
  final java.util.concurrent.atomic.AtomicInteger upstreamConnections = new java.util.concurrent.atomic.AtomicInteger();

  public Shared(Vertx vertx, Supplier<RoutingTable> tables, PrometheusMeterRegistry registry, LongSupplier ticker) {
    this.vertx = vertx;
    this.tables = tables;
    this.registry = registry;
    this.ticker = ticker;
    this.coarseTicker = ticker == io.switchboard.gateway.GatewayOptions.SYSTEM_TICKER ? LoopClock::nanoTime : ticker;
    this.metrics = new GatewayMetrics(registry, tables);
    this.drainer = new QueueDrainer(tables);
    this.guards = new Guards(coarseTicker, System::currentTimeMillis);
    io.micrometer.core.instrument.Gauge.builder("switchboard_upstream_connections", upstreamConnections,
            java.util.concurrent.atomic.AtomicInteger::get)
        .description("Upstream connections open, idle or serving a request").register(registry);
  }

  /** The exact-count pool, made on first use: a gateway whose groups have no tokenizer starts no threads. */
  TokenCounting counting() {
    TokenCounting c = counting;
    if (c == null) {
      synchronized (this) {
        c = counting;
        if (c == null) counting = c = new TokenCounting(registry);
      }
    }
    return c;
  }
}
