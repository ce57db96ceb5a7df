package io.switchboard.gateway.internal;

/**
 * The last stage, run exactly once per exchange however it ended: stop the timers, leave the queue,
 * release the endpoint slot with the tokens it still held and wake waiters, then metrics and the access
 * log line.
 */
final class Finish {
  private Finish() {}

  static void run(Exchange x) {
    long now = x.now();
    x.deadlines.cancel();
    if (x.waiter != null) x.waiter.cancel();
    if (x.endpoint != null) {
      long remaining = Math.max(0, x.routeRequest.expectedTokens() - x.servedTokens);
      x.endpoint.release(remaining);
      x.shared.drainer.afterRelease(x.table, x.endpoint);
    }
    x.shared.metrics.requestFinished(x, now);
    AccessLog.log(x, now);
  }
}
