package io.switchboard.gateway.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.switchboard.core.EndpointState;
import io.switchboard.core.EngineSnapshot;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.EngineMetricsConfig;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Engine-state scraping: one periodic Vert.x timer walks the current table's endpoints that configure
 * {@code metrics} and, when one is due, fetches its Prometheus text on a client of its own (never a request's
 * connection; the fetch is asynchronous, so the event loop never blocks), with the configured timeout. The few
 * gauges the router reads ({@link EngineMetricsParser}) become the endpoint's {@link EngineSnapshot}, stamped with
 * what the router had dispatched and had outstanding at that moment, so the scorers can correct it by what
 * happened since. A KV cache size in the metrics (vLLM's {@code cache_config_info}, SGLang's
 * {@code max_total_num_tokens}) sizes the endpoint's prefix index ({@link RoutingTable#kvCapacity}). A failed scrape
 * (timeout, error status, not engine metrics) keeps the last snapshot, which
 * then ages: its {@code atNanos} says how old it is, and {@code switchboard_engine_scrape_stale{endpoint}} is 1
 * until a scrape succeeds again. At most one scrape per endpoint is in flight.
 */
public final class EngineScraper {
  private static final long TICK_MILLIS = 100;

  private final Vertx vertx;
  private final Shared shared;
  private final LongSupplier ticker;
  private final EndpointProbes probes;
  private final Map<String, Long> nextDue = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();
  private final Map<String, Boolean> stale = new ConcurrentHashMap<>();
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final long timer;

  public EngineScraper(Vertx vertx, Shared shared) {
    this.vertx = vertx;
    this.shared = shared;
    this.ticker = shared.ticker;
    this.probes = new EndpointProbes(vertx);
    this.timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
  }

  private void tick() {
    RoutingTable t = shared.tables.get();
    if (t == null) return;
    long now = ticker.getAsLong();
    for (EndpointConfig ec : t.config().endpoints()) {
      EngineMetricsConfig mc = ec.metrics();
      if (mc == null) continue;
      EndpointState state = t.endpointState(ec.id());
      if (state == null) continue;
      Long due = nextDue.get(ec.id());
      if (due != null && now - due < 0 || running.putIfAbsent(ec.id(), Boolean.TRUE) != null) continue;
      nextDue.put(ec.id(), now + mc.interval().toNanos());
      scrape(ec, mc).onComplete(ar -> {
        running.remove(ec.id());
        EngineMetricsParser.Sample s = ar.succeeded() ? ar.result() : null;
        if (s == null) {
          markStale(ec.id(), true);
          failures.computeIfAbsent(ec.id(), id -> Counter.builder("switchboard_engine_scrape_failures")
              .description("Engine metrics scrapes that failed (timeout, error status, unparsable)")
              .tag("endpoint", id).register(shared.registry)).increment();
          return;
        }
        EngineSnapshot last = state.engine();
        double kv = Double.isNaN(s.kvUsage()) ? (last.known() ? last.kvCacheUsage() : 0) : s.kvUsage();
        state.updateEngine(new EngineSnapshot(s.running(), s.waiting(), kv, ticker.getAsLong(), state.dispatched(),
            state.outstanding()));
        if (s.kvCapacityTokens() > 0) t.kvCapacity(ec.id(), s.kvCapacityTokens());
        markStale(ec.id(), false);
      });
    }
  }

  private Future<EngineMetricsParser.Sample> scrape(EndpointConfig ec, EngineMetricsConfig mc) {
    return probes.get(ec, mc.path(), mc.timeout())
        .map(r -> r.status() == 200 ? EngineMetricsParser.parse(r.body().toString()) : null);
  }

  private void markStale(String id, boolean isStale) {
    if (stale.put(id, isStale) == null) {
      Gauge.builder("switchboard_engine_scrape_stale", stale, m -> Boolean.TRUE.equals(m.get(id)) ? 1 : 0)
          .description("1 while the endpoint's last engine metrics scrape failed (its snapshot is getting old)")
          .tag("endpoint", id).register(shared.registry);
    }
  }

  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return probes.close();
  }
}
