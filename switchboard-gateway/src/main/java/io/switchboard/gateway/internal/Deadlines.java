package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.Timeouts;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The first-byte, idle and total deadlines of one upstream attempt (connect is the HTTP client's own).
 *
 * <p>One timer per exchange, armed for the earliest deadline that can still pass; when it fires it works out
 * which deadline (if any) did pass and otherwise re-arms for the next one. The usual request, answered well
 * within every deadline, thus costs one timer created and one cancelled, not one per deadline, and no timer
 * per chunk: the idle deadline is checked lazily against the time of the last chunk. While the relay holds
 * the upstream paused (the client reads slowly) silence is ours, not the upstream's, so it does not count.
 */
final class Deadlines implements Handler<Long> {
  private final Exchange x;
  private Vertx vertx;
  private long timer = -1;
  private long armedAt;
  private long firstByteAt;
  private long totalAt;
  private long idleNanos;
  private long lastChunkNanos;
  private boolean started;
  private boolean gotFirstByte;
  private boolean paused;

  Deadlines(Exchange x) { this.x = x; }

  /** Starts the first-byte and total clocks as the request is sent. */
  void start(Timeouts t) {
    cancel();
    vertx = x.shared.vertx;
    long now = x.now();
    idleNanos = t.idle().toNanos();
    firstByteAt = now + t.firstByte().toNanos();
    totalAt = now + t.total().toNanos();
    started = true;
    gotFirstByte = false;
    paused = false;
    arm(Math.min(firstByteAt, totalAt), now);
  }

  /** The first byte the first-byte deadline waits for arrived; from now on the idle deadline applies. */
  void firstByte() {
    if (!started || gotFirstByte) return;
    gotFirstByte = true;
    long now = x.now();
    lastChunkNanos = now;
    // The timer waits for the first-byte deadline; re-arm only if the idle one now comes sooner.
    long next = Math.min(now + idleNanos, totalAt);
    if (next < armedAt) {
      vertx.cancelTimer(timer);
      arm(next, now);
    }
  }

  void chunk(long nowNanos) { lastChunkNanos = nowNanos; }

  void paused(boolean p) {
    paused = p;
    lastChunkNanos = x.now();
  }

  void cancel() {
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
    started = false;
  }

  /** The timer fired: expire the deadline that passed, or wait for the next one. */
  @Override
  public void handle(Long id) {
    timer = -1;
    if (x.finished() || !started) return;
    long now = x.now();
    if (now - totalAt >= 0) {
      expire("total");
    } else if (!gotFirstByte) {
      if (now - firstByteAt >= 0) expire("first byte");
      else arm(Math.min(firstByteAt, totalAt), now);
    } else if (!paused && now - lastChunkNanos >= idleNanos) {
      expire("idle");
    } else {
      arm(Math.min(paused ? now + idleNanos : lastChunkNanos + idleNanos, totalAt), now);
    }
  }

  private void arm(long at, long now) {
    armedAt = at;
    // Rounded up to whole milliseconds (a timer that fires a little early just re-arms), at least 1 ms.
    long ms = Math.max(1, (at - now + 999_999) / 1_000_000);
    timer = vertx.setTimer(ms, this);
  }

  private void expire(String which) {
    x.guard(() -> x.fail(GatewayError.timeout(which, x.endpointId())));
  }
}
