package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.Timeouts;
import io.vertx.core.Vertx;

/**
 * The first-byte, idle and total deadlines of one upstream attempt (connect is the HTTP client's own).
 * The idle deadline is checked lazily: one timer per idle period that re-arms for the time left since
 * the last chunk, rather than a timer created and cancelled per chunk. While the relay holds the
 * upstream paused (the client reads slowly) silence is ours, not the upstream's, so it does not count.
 */
final class Deadlines {
  private final Exchange x;
  private Vertx vertx;
  private long firstByteTimer = -1;
  private long totalTimer = -1;
  private long idleTimer = -1;
  private long idleNanos;
  private long lastChunkNanos;
  private boolean paused;

  Deadlines(Exchange x) { this.x = x; }

  /** Starts the first-byte and total clocks as the request is sent. */
  void start(Timeouts t) {
    vertx = x.shared.vertx;
    idleNanos = t.idle().toNanos();
    firstByteTimer = vertx.setTimer(millis(t.firstByte().toMillis()), id -> expire("first byte"));
    totalTimer = vertx.setTimer(millis(t.total().toMillis()), id -> expire("total"));
  }

  /** The first byte the first-byte deadline waits for arrived; from now on the idle deadline applies. */
  void firstByte() {
    if (firstByteTimer < 0) return;
    vertx.cancelTimer(firstByteTimer);
    firstByteTimer = -1;
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
    if (firstByteTimer >= 0) vertx.cancelTimer(firstByteTimer);
    if (totalTimer >= 0) vertx.cancelTimer(totalTimer);
    if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
    firstByteTimer = totalTimer = idleTimer = -1;
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
    if (!x.finished()) x.guard(() -> x.fail(GatewayError.timeout(which, x.endpointId())));
  }

  private static long millis(long ms) { return Math.max(1, ms); }
}
