package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.Timeouts;
import io.vertx.core.Vertx;

/**
 * The exchange's total deadline (armed with the first attempt) and, once an answer is committed, the idle
 * deadline between its chunks. Before the commit point each {@link UpstreamAttempt} guards itself. The idle
 * deadline is checked lazily: one timer per idle period that re-arms for the time left since the last
 * chunk, rather than a timer created and cancelled per chunk. While the relay holds the upstream paused
 * (the client reads slowly) silence is ours, not the upstream's, so it does not count.
 */
final class Deadlines {
  private final Exchange x;
  private Vertx vertx;
  private long totalTimer = -1;
  private long idleTimer = -1;
  private long idleNanos;
  private long lastChunkNanos;
  private boolean paused;
  private boolean committed;

  Deadlines(Exchange x) { this.x = x; }

  /** Starts the total clock as the first attempt is sent; later attempts only update the idle length. */
  void startTotal(Timeouts t) {
    idleNanos = t.idle().toNanos();
    if (vertx != null) return;
    vertx = x.shared.vertx;
    totalTimer = vertx.setTimer(millis(t.total().toMillis()), id -> expire("total"));
  }

  /** The answer is being relayed: from now on the idle deadline applies. Later calls do nothing. */
  void committed() {
    if (committed || vertx == null) return;
    committed = true;
    lastChunkNanos = x.now();
    armIdle(idleNanos);
  }

  void chunk(long nowNanos) { lastChunkNanos = nowNanos; }

  void paused(boolean p) {
    paused = p;
    lastChunkNanos = x.now();
  }

  void cancel() {
    if (vertx == null) return;
    if (totalTimer >= 0) vertx.cancelTimer(totalTimer);
    if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
    totalTimer = idleTimer = -1;
  }

  private void armIdle(long delayNanos) {
    idleTimer = vertx.setTimer(millis(delayNanos / 1_000_000), id -> {
      idleTimer = -1;
      if (x.finished()) return;
      long silent = x.now() - lastChunkNanos;
      if (!paused && silent >= idleNanos) expire("idle");
      else armIdle(paused ? idleNanos : idleNanos - silent);
    });
  }

  private void expire(String which) {
    if (x.finished()) return;
    GatewayError e = GatewayError.timeout(which, x.endpointId());
    // A stall may be continued elsewhere; the total deadline ends the request.
    x.guard(() -> {
      if ("idle".equals(which)) x.breakStream(e);
      else x.fail(e);
    });
  }

  private static long millis(long ms) { return Math.max(1, ms); }
}
