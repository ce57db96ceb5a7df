package io.switchboard.gateway.internal;

import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.core.resilience.RetryBudget;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.HedgeConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Function;

/**
 * A hedged request ({@code hedge: {delay, max_share}}): when a request's first attempt has not reached its
 * commit point (a stream's first token, a plain answer's end) {@code delay} after it was sent, a second
 * attempt goes to another endpoint of the group. Whichever reaches its commit point first is relayed; the
 * other is cancelled and its slot, token charge and breaker permission given back without a verdict (it was
 * not wrong, only slower). Hedges are capped at {@code max_share} of the group's requests over a 10 s window
 * by a {@link RetryBudget} of their own, so a slow group cannot double its own load.
 *
 * <p>The hedge keeps its endpoint in an {@link AttemptSlot} while the first attempt owns the exchange's
 * fields, and moves in only when it wins. When the first attempt fails while the hedge runs, the hedge
 * carries on alone (no third attempt is started); when both fail, the hedge's failure goes through
 * {@link Failover} like any attempt's. Only the first attempt of a request is hedged. Runs on the request's
 * event loop only.
 */
final class HedgeAttempt {
  private final Exchange x;
  private final Chain chain;
  private final UpstreamAttempt primary;
  private final AttemptSlot slot;
  private final long startNanos;
  private HttpClientRequest req;
  private HttpClientResponse resp;
  private Buffer held;
  private FirstTokenWatch parser;
  private boolean plainSuccess;
  private boolean primaryFailed;
  private boolean done;
  /** {@code first_byte} until the first body byte, then {@code idle}, re-armed per chunk (on the event loop's wheel). */
  private final TimerWheel.Entry timer = new TimerWheel.Entry(this::silent);
  private TimerWheel.Entry holdTimer;
  private boolean gotByte;

  private HedgeAttempt(Exchange x, Chain chain, UpstreamAttempt primary, AttemptSlot slot) {
    this.x = x;
    this.chain = chain;
    this.primary = primary;
    this.slot = slot;
    this.startNanos = x.now();
  }

  /** Arms the hedge of a request's first attempt, when its group hedges. */
  static void arm(Exchange x, Chain chain, UpstreamAttempt primary) {
    HedgeConfig h = x.route.group().hedge();
    if (h == null || x.attempts != 1 || x.hedge != null) return;
    RetryBudget budget = x.shared.guards.hedgeBudget(x.route.group());
    budget.onRequest();
    x.shared.vertx.setTimer(Math.max(1, h.delay().toMillis()), id -> {
      if (!primary.ended() && x.hedge == null) x.guard(() -> launch(x, chain, primary, budget));
    });
  }

  private static void launch(Exchange x, Chain chain, UpstreamAttempt primary, RetryBudget budget) {
    if (!x.primary.policy().mayAttemptAgain(x.attempts, x.startNanos, x.now(), 0) || !budget.tryAcquireRetry()) {
      x.shared.metrics.hedge("denied");
      return;
    }
    // Picker writes its choice into the exchange, whose fields the first attempt still owns.
    AttemptSlot first = AttemptSlot.of(x);
    x.tried.add(first.endpoint());
    boolean picked;
    try {
      picked = Picker.pick(x, x.route);
    } finally {
      x.tried.remove(first.endpoint());
    }
    if (!picked) {
      first.restore(x);
      x.shared.metrics.hedge("no_endpoint");
      return;
    }
    Route.prepare(x);
    AttemptSlot second = AttemptSlot.of(x);
    first.restore(x);
    HedgeAttempt hedge = new HedgeAttempt(x, chain, primary, second);
    x.hedge = hedge;
    x.shared.metrics.hedge("sent");
    hedge.send();
  }

  boolean pending() { return !done; }

  private void send() {
    EndpointConfig ec = slot.endpointConfig();
    x.wheel.schedule(timer, ec.timeouts().firstByte().toNanos());
    x.targets.request(ec, x.api, x.streaming, x.requestId).onComplete(ar -> x.guard(() -> {
      if (ar.failed()) {
        if (done || x.finished()) return;
        if (UpstreamAttempt.refused(ar.cause())) slot.guard().breaker().trip();
        failed(AttemptOutcome.connectFailure(), name -> null, GatewayError.unreachable(ec.id(), String.valueOf(ar.cause().getMessage())));
        return;
      }
      HttpClientRequest r = ar.result();
      if (done || x.finished()) {
        r.reset();
        return;
      }
      req = r;
      r.send(slot.upstreamBody()).onComplete(sent -> x.guard(() -> {
        if (done || x.finished()) return;
        if (sent.failed()) {
          failed(AttemptOutcome.resetBeforeHeaders(), name -> null,
              GatewayError.unreachable(ec.id(), String.valueOf(sent.cause().getMessage())));
          return;
        }
        onHead(sent.result(), ec);
      }));
    }));
  }

  private void onHead(HttpClientResponse r, EndpointConfig ec) {
    resp = r;
    int status = r.statusCode();
    boolean sse = x.streaming && SseEvents.isEventStream(r);
    plainSuccess = status >= 200 && status < 300 && !sse;
    if (!sse && !plainSuccess) {
      // The hedge's error is never relayed: the first attempt's own outcome decides what the client gets.
      r.exceptionHandler(t -> { });
      failed(AttemptOutcome.response(status), r::getHeader, GatewayError.broken(ec.id(), "the hedge answered " + status));
      return;
    }
    held = Buffer.buffer(sse ? 1024 : 4096);
    if (sse) {
      parser = new FirstTokenWatch();
      holdTimer = new TimerWheel.Entry(() -> {
        if (!done && !x.finished()) x.guard(() -> win(false));
      });
      x.wheel.schedule(holdTimer, x.route.group().stream().holdFirstTokenTimeout().toNanos());
    }
    r.handler(chunk -> {
      if (!done && !x.finished()) x.guard(() -> onChunk(chunk, ec));
    });
    r.exceptionHandler(t -> {
      if (!done && !x.finished()) x.guard(() -> failed(AttemptOutcome.resetBeforeHeaders(), r::getHeader,
          GatewayError.broken(ec.id(), String.valueOf(t.getMessage()))));
    });
    r.endHandler(v -> {
      if (!done && !x.finished()) x.guard(() -> onEnd(ec));
    });
  }

  private void onChunk(Buffer chunk, EndpointConfig ec) {
    gotByte = true;
    x.wheel.schedule(timer, ec.timeouts().idle().toNanos());
    held.appendBuffer(chunk);
    if (parser == null) {
      if (held.length() > UpstreamAttempt.MAX_PLAIN_HOLD) win(false);
      return;
    }
    parser.feed(chunk);
    if (parser.problem() != null) {
      failed(AttemptOutcome.resetBeforeHeaders(), resp::getHeader, GatewayError.broken(slot.endpointName(), parser.problem()));
    } else if (parser.reached() || held.length() > x.route.group().stream().holdFirstTokenBytes()) {
      win(false);
    }
  }

  private void onEnd(EndpointConfig ec) {
    if (plainSuccess || (parser != null && parser.finished())) win(true);
    else failed(AttemptOutcome.resetBeforeHeaders(), resp::getHeader,
        GatewayError.broken(ec.id(), "the stream ended before its first token"));
  }

  /** The hedge reached its commit point first: it becomes the exchange's attempt and is relayed. */
  private void win(boolean complete) {
    done = true;
    cancelTimers();
    x.shared.metrics.hedge("won");
    if (!primaryFailed) {
      primary.cancel();
      AttemptSlot.of(x).release(x, x.attemptStartNanos, "hedge_lost");
    }
    slot.restore(x);
    x.attemptStartNanos = x.sentNanos = startNanos;
    x.upstreamRequest = req;
    x.upstreamResponse = resp;
    x.held = held;
    x.heldComplete = complete;
    x.upstreamEndNanos = complete ? x.now() : 0;
    chain.proceed();
  }

  private void failed(AttemptOutcome outcome, Function<String, String> headers, GatewayError error) {
    done = true;
    cancelTimers();
    if (req != null) req.reset();
    x.shared.metrics.hedge("failed");
    if (primaryFailed) {
      // Both failed: this failure goes through the failover like any attempt's.
      slot.restore(x);
      x.attemptStartNanos = x.sentNanos = startNanos;
      x.upstreamRequest = null;
      x.upstreamResponse = null;
      Failover.afterFailure(x, chain, outcome, headers, error, false);
      return;
    }
    slot.fail(x, startNanos, "hedge " + Exchange.outcomeLabel(outcome), outcome, headers);
    if (outcome.status() != 429) x.tried.add(slot.endpoint());
  }

  /** The first attempt committed first: this hedge lost. */
  void primaryCommitted() {
    if (done) return;
    x.shared.metrics.hedge("lost");
    cancel("hedge_lost");
  }

  /**
   * The first attempt failed before its commit point while this hedge runs: its failure is reported, and the
   * hedge carries on as the request's only attempt.
   */
  void primaryFailed(AttemptOutcome outcome, Function<String, String> headers, GatewayError error) {
    var failed = x.endAttempt(outcome, headers);
    if (failed != null && outcome.status() != 429) x.tried.add(failed);
    x.lastError = error;
    x.lastPassable = false;
    primaryFailed = true;
  }

  /** The exchange ended (or the first attempt won): stop, and give the hedge's endpoint back. */
  void cancel(String label) {
    if (done) return;
    done = true;
    cancelTimers();
    if (req != null) req.reset();
    slot.release(x, startNanos, label);
  }

  /** The first byte or the next chunk did not come in time. */
  private void silent() {
    if (done || x.finished()) return;
    String id = slot.endpointName();
    x.guard(() -> failed(AttemptOutcome.timeout(), gotByte ? resp::getHeader : name -> null,
        GatewayError.timeout(gotByte ? "idle" : "first byte", id)));
  }

  private void cancelTimers() {
    x.wheel.cancel(timer);
    if (holdTimer != null) x.wheel.cancel(holdTimer);
  }

}
