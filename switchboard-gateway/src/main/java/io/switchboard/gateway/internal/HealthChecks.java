package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.HealthCheckConfig;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Active health checks: one periodic Vert.x timer walks the current table's endpoints that configure
 * {@code health_check} and sends each its {@code GET path} when due, on its own client (never a request's
 * connection, never blocking the event loop). {@code unhealthy_threshold} failures in a row take the endpoint
 * out of routing; {@code healthy_threshold} passes in a row bring it back, readmitted with slow start.
 * Endpoints without a check stay healthy; a check removed by reload readmits its endpoint.
 *
 * <p>When a check is due is read from the gateway's injected ticker, like every other deadline; the timer only
 * wakes the scheduler every {@value #TICK_MILLIS} ms, so a test that drives the ticker decides when checks run.
 */
public final class HealthChecks {
  private static final long TICK_MILLIS = 100;

  private final Vertx vertx;
  private final Shared shared;
  private final EndpointProbes probes;
  private final Map<String, Long> nextDue = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();
  private final long timer;

  public HealthChecks(Vertx vertx, Shared shared) {
    this.vertx = vertx;
    this.shared = shared;
    this.probes = new EndpointProbes(vertx);
    this.timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
  }

  private void tick() {
    RoutingTable t = shared.tables.get();
    if (t == null) return;
    long now = shared.ticker.getAsLong();
    for (EndpointConfig ec : t.config().endpoints()) {
      HealthCheckConfig hc = ec.healthCheck();
      Guards.Entry entry = shared.guards.entry(ec);
      if (hc == null) {
        if (!entry.healthy) readmit(entry);
        continue;
      }
      Long due = nextDue.get(ec.id());
      if (due != null && now - due < 0 || running.putIfAbsent(ec.id(), Boolean.TRUE) != null) continue;
      nextDue.put(ec.id(), now + hc.interval().toNanos());
      check(ec, hc).onComplete(ar -> {
        running.remove(ec.id());
        record(entry, hc, ar.succeeded() && ar.result());
      });
    }
  }

  private Future<Boolean> check(EndpointConfig ec, HealthCheckConfig hc) {
    return probes.get(ec, hc.path(), hc.timeout()).map(r -> r.status() >= 200 && r.status() < 300);
  }

  private static void record(Guards.Entry entry, HealthCheckConfig hc, boolean ok) {
    // Counts passes while down and failures while up; any opposite result restarts the count.
    boolean counting = entry.healthy != ok;
    entry.consecutive = counting ? entry.consecutive + 1 : 0;
    if (entry.healthy && entry.consecutive >= hc.unhealthyThreshold()) {
      entry.healthy = false;
      entry.consecutive = 0;
    } else if (!entry.healthy && entry.consecutive >= hc.healthyThreshold()) {
      readmit(entry);
    }
  }

  private static void readmit(Guards.Entry entry) {
    entry.healthy = true;
    entry.consecutive = 0;
    entry.guard.readmission().markReadmitted();
  }

  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return probes.close();
  }
}
