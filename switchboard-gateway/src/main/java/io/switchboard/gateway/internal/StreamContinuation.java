package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.core.resilience.RetryPolicy;
import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Function;

/**
 * Continues a stream that broke after content reached the client ({@code stream.continue_on_failure}): the
 * broken leg's attempt is reported and released, another endpoint of the group (or of its fallback chain) is
 * picked as for any retry, and it is sent the request plus the partial answer ({@link ContinuationBody});
 * its events are relayed into the same client stream by a new {@link ResumableSse} leg, with the first leg's
 * chunk identity and the usage summed over every leg.
 *
 * <p>Never a clean finish after a loss: the stream ends with the explicit error event of the first break
 * when the continuation is not possible (tool calls, a partial answer past {@link #MAX_PARTIAL_CHARS},
 * no attempt, retry budget or time left, a prompt the gateway cannot extend), when an endpoint refuses the
 * prefix (a 4xx), or when no endpoint is left. A continuation leg that breaks too is continued again,
 * within the group's attempt cap. Runs on the request's event loop only, like the {@link Exchange}.
 */
final class StreamContinuation {
  /** Longest partial answer kept for a continuation; past it a break ends the stream with its error. */
  static final int MAX_PARTIAL_CHARS = 256 * 1024;

  private final Exchange x;
  private final Chain chain;
  private final StringBuilder partial = new StringBuilder(256);
  private boolean continuable = true;
  /** Content events relayed over all legs, and by the legs before the current one. */
  private int tokens;
  private int tokensBefore;
  /** Prompt tokens of the broken legs (estimated: their usage never came), and of the current leg. */
  private long promptBefore;
  private long legPrompt;
  private String id;
  private String model;
  private String created;
  private GatewayError original;
  private ResumableSse leg;
  private TimerWheel.Entry firstByteTimer;

  StreamContinuation(Exchange x, Chain chain) {
    this.x = x;
    this.chain = chain;
    this.legPrompt = x.routeRequest.promptTokens();
    this.leg = new ResumableSse(x, this, false);
    x.continuation = this;
  }

  /** The sink of the first leg, relayed by {@link Relay}. */
  BodySink firstLeg() { return leg; }

  /** Records the first leg's {@code id}, {@code model} or {@code created} (first value wins). */
  void identity(String name, String value) {
    switch (name) {
      case "id" -> { if (id == null) id = value; }
      case "model" -> { if (model == null) model = value; }
      case "created" -> { if (created == null) created = value; }
      default -> { }
    }
  }

  /** The first leg's value of a top-level chunk field a continuation leg must repeat; null for others. */
  String identity(String name) {
    return switch (name) {
      case "id" -> id;
      case "model" -> model;
      case "created" -> created;
      default -> null;
    };
  }

  int promptTokens(int legUsage) { return legUsage < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, promptBefore + legUsage); }

  /** Whether a leg broke and the answer went on in another: its usage is not one request's. */
  boolean resumed() { return promptBefore > 0; }

  int completionTokens(int legUsage) { return legUsage < 0 ? -1 : tokensBefore + legUsage; }

  /** An event reached the client: its text (possibly empty) is part of the answer to continue from. */
  void relayed(String text, boolean toolCalls, boolean content) {
    if (toolCalls) continuable = false;
    if (content) tokens++;
    if (text.isEmpty() || !continuable) return;
    if (partial.length() + text.length() > MAX_PARTIAL_CHARS) continuable = false;
    else partial.append(text);
  }

  /** The current leg broke after the response head went out. */
  void broke(GatewayError e) {
    HttpClientResponse up = x.upstreamResponse;
    AttemptOutcome outcome = "upstream_timeout".equals(e.code()) ? AttemptOutcome.timeout() : AttemptOutcome.resetBeforeHeaders();
    broke(e, outcome, up == null ? name -> null : up::getHeader);
  }

  private void broke(GatewayError e, AttemptOutcome outcome, Function<String, String> headers) {
    if (x.finished()) return;
    if (original == null) original = e;
    leg.abandon();
    cancelTimer();
    HttpClientRequest req = x.upstreamRequest;
    x.upstreamRequest = null;
    x.upstreamResponse = null;
    if (req != null) req.reset();
    promptBefore += legPrompt;
    tokensBefore = tokens;
    EndpointState failed = x.endAttempt(outcome, headers);
    if (failed != null && outcome.status() != 429) x.tried.add(failed);
    RetryPolicy policy = x.primary.policy();
    if (!continuable || !policy.mayAttemptAgain(x.attempts, x.startNanos, x.now(), 0) || !x.budget.tryAcquireRetry()) {
      end();
      return;
    }
    x.lastError = original;
    x.lastPassable = false;
    // Until the continuation's first byte, its own first-byte timer guards it, not the stream's idle deadline.
    x.deadlines.paused(true);
    x.response.drainHandler(null);
    Failover.route(x, chain, false, this::send);
  }

  /** No continuation: the stream ends with the first break's error event. */
  private void end() {
    x.shared.metrics.streamContinuation(false);
    x.fail(original);
  }

  /** An endpoint was picked (its slot held): send it the continuation. */
  private void send() {
    EndpointConfig ec = x.table.endpoint(x.endpoint.id());
    int left = x.peek.maxTokens < 0 ? 0 : x.peek.maxTokens - tokens;
    byte[] body = ec == null ? null : ContinuationBody.build(x.body, x.bodyLength, x.api == Api.CHAT,
        partial.toString(), ec.upstreamModel(x.currentModel), left);
    if (body == null) {
      end();
      return;
    }
    x.endpointConfig = ec;
    legPrompt = x.route.tokens().promptTokens(body.length);
    ResumableSse mine = new ResumableSse(x, this, true);
    leg = mine;
    x.upstreamBody = Buffer.buffer(body);
    x.attemptStartNanos = x.sentNanos = x.now();
    x.upstreamEndNanos = 0;
    firstByteTimer = new TimerWheel.Entry(() -> {
      if (!mine.abandoned() && !x.finished()) x.guard(() -> broke(GatewayError.timeout("first byte", ec.id())));
    });
    x.wheel.schedule(firstByteTimer, ec.timeouts().firstByte().toNanos());
    x.targets.request(ec, x.api, true, x.requestId).onComplete(ar -> x.guard(() -> {
      if (mine.abandoned() || x.finished()) {
        if (ar.succeeded()) ar.result().reset();
        return;
      }
      if (ar.failed()) {
        if (UpstreamAttempt.refused(ar.cause()) && x.guard != null) x.guard.breaker().trip();
        broke(GatewayError.unreachable(ec.id(), String.valueOf(ar.cause().getMessage())), AttemptOutcome.connectFailure(),
            name -> null);
        return;
      }
      HttpClientRequest r = ar.result();
      x.upstreamRequest = r;
      r.send(x.upstreamBody).onComplete(sent -> x.guard(() -> {
        if (mine.abandoned() || x.finished()) return;
        if (sent.failed()) {
          broke(GatewayError.unreachable(ec.id(), String.valueOf(sent.cause().getMessage())),
              AttemptOutcome.resetBeforeHeaders(), name -> null);
          return;
        }
        onHead(sent.result(), mine, ec);
      }));
    }));
  }

  private void onHead(HttpClientResponse r, ResumableSse mine, EndpointConfig ec) {
    int status = r.statusCode();
    if (!SseEvents.isEventStream(r)) {
      r.exceptionHandler(t -> { }); // the reset below is ours
      AttemptOutcome o = AttemptOutcome.response(status);
      if (status == 429 || status >= 500 || status == 200) {
        // The endpoint failed, not the prefix: another may continue.
        broke(GatewayError.broken(ec.id(), "the continuation answered " + status), o, r::getHeader);
        return;
      }
      // The endpoint refused the prefix: the client gets the first break's error, not this one.
      mine.abandon();
      cancelTimer();
      x.upstreamRequest = null;
      r.request().reset();
      x.endAttempt(o, r::getHeader);
      end();
      return;
    }
    x.upstreamResponse = r;
    x.noLimitHeaders = false; // this leg's headers were not walked by Relay: look them up
    x.shared.metrics.streamContinuation(true);
    r.handler(chunk -> {
      if (mine.abandoned() || x.finished()) return;
      x.guard(() -> {
        if (firstByteTimer != null && firstByteTimer.armed()) {
          cancelTimer();
          x.deadlines.paused(false);
        }
        x.deadlines.chunk(x.now());
        mine.onChunk(chunk);
        if (!x.finished() && !mine.abandoned() && x.response.writeQueueFull()) {
          x.deadlines.paused(true);
          r.pause();
        }
      });
    });
    x.response.drainHandler(v -> {
      if (x.finished() || mine.abandoned()) return;
      x.deadlines.paused(false);
      r.resume();
    });
    r.exceptionHandler(t -> {
      if (!mine.abandoned() && !x.finished()) x.guard(() -> x.breakStream(GatewayError.broken(ec.id(), String.valueOf(t.getMessage()))));
    });
    r.endHandler(v -> {
      if (mine.abandoned() || x.finished()) return;
      x.guard(() -> {
        x.upstreamEndNanos = x.now();
        if (mine.onEnd()) x.complete();
        else x.breakStream(GatewayError.broken(ec.id(), "the stream ended without [DONE] or a finish_reason"));
      });
    });
  }

  private void cancelTimer() {
    if (firstByteTimer != null) x.wheel.cancel(firstByteTimer);
  }
}
