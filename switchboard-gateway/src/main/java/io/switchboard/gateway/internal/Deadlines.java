package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.Timeouts;

/**
 * The exchange's total deadline (armed with the first attempt) and, once an answer is committed, the idle
 * deadline between its chunks. Before the commit point each {@link UpstreamAttempt} guards itself. The idle
 * deadline is checked lazily: it fires once per idle period and re-arms for the time left since the last
 * chunk, rather than being moved on every chunk. While the relay holds the upstream paused (the client
 * reads slowly) silence is ours, not the upstream's, so it does not count. Both live on the event loop's
 * {@link TimerWheel}.
 */
final class Deadlines {
  private final Exchange x;
  private TimerWheel.Entry total;
  private TimerWheel.Entry idle;
  private long idleNanos;
  private long lastChunkNanos;
  private boolean paused;
  private boolean committed;

  Deadlines(Exchange x) { this.x = x; }

  /** Starts the total clock as the first attempt is sent; later attempts only update the idle length. */
  void startTotal(Timeouts t) {
    idleNanos = t.idle().toNanos();
    if (total != null) return;
    total = new TimerWheel.Entry(() -> expire("total"));
    x.wheel.schedule(total, t.total().toNanos());
  }

  /** The answer is being relayed: from now on the idle deadline applies. Later calls do nothing. */
  void committed() {
    if (committed || total == null) return;
    committed = true;
    lastChunkNanos = x.shared.coarseTicker.getAsLong();
    idle = new TimerWheel.Entry(this::idleCheck);
    x.wheel.schedule(idle, idleNanos);
  }

  void chunk(long nowNanos) { lastChunkNanos = nowNanos; }

  void paused(boolean p) {
    paused = p;
    lastChunkNanos = x.now();
  }

  void cancel() {
    if (total != null) x.wheel.cancel(total);
    if (idle != null) x.wheel.cancel(idle);
  }

  private void idleCheck() {
    if (x.finished()) return;
    long silent = x.now() - lastChunkNanos;
    if (!paused && silent >= idleNanos) expire("idle");
    else x.wheel.schedule(idle, paused ? idleNanos : idleNanos - silent);
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
}
