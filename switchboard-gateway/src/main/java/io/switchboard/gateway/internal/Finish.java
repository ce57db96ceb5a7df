package io.switchboard.gateway.internal;

import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.core.resilience.RateLimitHeaders;
import io.vertx.core.http.HttpClientResponse;

/**
 * The last stage, run exactly once per exchange however it ended: stop the timers, leave the queue, tell
 * the answering endpoint's guard how its attempt ended (health, rate-limit headers, real token usage),
 * release its slot with the tokens it still held and wake waiters, then metrics and the access log line.
 */
final class Finish {
  private Finish() {}

  static void run(Exchange x) {
    long now = x.now();
    x.deadlines.cancel();
    if (x.waitTimer >= 0) x.shared.vertx.cancelTimer(x.waitTimer);
    if (x.waiter != null) x.waiter.cancel();
    if (x.hedge != null) x.hedge.cancel("cancelled");
    x.reportFinished(now, Math.max(0, x.completionTokens), x.error == null && x.status < 400);
    if (x.endpoint != null) {
      report(x, now);
      long remaining = Math.max(0, x.routeRequest.expectedTokens() - x.servedTokens);
      x.endpoint.release(remaining);
      x.shared.drainer.afterRelease(x.table, x.endpoint);
    }
    if (x.error == null && x.status < 400 && x.route != null) learnTokens(x, now);
    x.shared.metrics.requestFinished(x, now);
    AccessLog.log(x, now);
  }

  /**
   * Teaches the group's token estimates what this answer's usage says. A prompt counted exactly (token ids, a
   * tokenizer) teaches no byte ratio, and a continued stream teaches nothing: its usage spans several legs' bodies.
   */
  private static void learnTokens(Exchange x, long now) {
    if (x.continuation != null && x.continuation.resumed()) return;
    x.route.tokens().observe(x.estimatedPromptBytes, x.promptTokens, x.completionTokens, x.peek.maxTokens, now);
  }

  private static void report(Exchange x, long now) {
    if (x.guard == null) return;
    HttpClientResponse up = x.upstreamResponse;
    String outcome;
    if (Exchange.CLIENT_CLOSED == x.status && "client_closed".equals(x.error)) {
      x.guard.breaker().onIgnored();
      outcome = "client_closed";
    } else {
      AttemptOutcome o = x.error == null ? AttemptOutcome.response(x.status)
          : "upstream_timeout".equals(x.error) ? AttemptOutcome.timeout() : AttemptOutcome.resetBeforeHeaders();
      // Usage has no verdict of the gateway's own making (internal errors after the commit count as resets).
      x.guard.onOutcome(o, up == null || x.noLimitHeaders ? RateLimitHeaders.NONE : up::getHeader);
      outcome = x.error == null ? Integer.toString(x.status) : x.error;
    }
    if (x.promptTokens >= 0 && x.completionTokens >= 0) {
      x.guard.onUsage(x.guardTokens, (long) x.promptTokens + x.completionTokens);
    }
    x.logAttempt(outcome, now);
  }
}
