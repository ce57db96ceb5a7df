package io.switchboard.gateway.internal;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * One upstream attempt, from sending the request to its commit point: the moment the answer is known to be
 * worth relaying. Until then nothing reaches the client, so any failure can go elsewhere:
 *
 * <ul>
 *   <li>a successful plain response commits once its body is read whole (up to {@link #MAX_PLAIN_HOLD}
 *       bytes, past which it commits and the rest is relayed as it comes), so a body cut or stalled after
 *       the head fails over instead of reaching the client half-written. LLM servers send a plain answer
 *       only when it is complete, so holding it costs no latency;</li>
 *   <li>an error status commits once its (small) body is read, so {@link Failover} can read the error code
 *       and either pass it through unchanged or retry;</li>
 *   <li>a stream commits at its first content token (or finish, or {@code [DONE]}), at the group's
 *       hold limit in bytes, or when the hold time is up; held bytes are replayed by the relay.</li>
 * </ul>
 *
 * <p>Until commit one timer guards the attempt: the endpoint's {@code first_byte} timeout until the first
 * byte, then its {@code idle} timeout between chunks, re-armed lazily. Callbacks of an attempt that already
 * ended (committed or failed) are ignored, so a late event of a failed attempt cannot touch its successor.
 * Runs on the request's event loop only.
 */
final class UpstreamAttempt {
  /** Error bodies longer than this are relayed as they come instead of read for their error code. */
  static final int MAX_ERROR_BODY = 64 * 1024;
  /** Successful plain bodies longer than this commit and are relayed as they come (a cut then resets the client). */
  static final int MAX_PLAIN_HOLD = 2 * 1024 * 1024;

  private final Exchange x;
  private final Chain chain;
  private final EndpointConfig ec;
  private final long firstByteNanos;
  private final long idleNanos;
  private HttpClientRequest req;
  private HttpClientResponse resp;
  /**
   * The bytes read before the commit point. The first chunk is kept as it came (the usual plain answer is
   * one chunk, relayed without a copy); a second one starts a private copy ({@link #heldOwned}).
   */
  private Buffer held;
  private boolean heldOwned;
  private FirstTokenWatch parser;
  /** A successful plain response whose body is being held until it ends. */
  private boolean plainSuccess;
  private boolean done;
  /** {@code first_byte} from the send until the first body byte, then {@code idle}; checked lazily. */
  private final TimerWheel.Entry timer = new TimerWheel.Entry(this::checkSilence);
  private TimerWheel.Entry holdTimer;
  private long lastChunkNanos;

  UpstreamAttempt(Exchange x, Chain chain) {
    this.x = x;
    this.chain = chain;
    this.ec = x.endpointConfig;
    this.firstByteNanos = ec.timeouts().firstByte().toNanos();
    this.idleNanos = ec.timeouts().idle().toNanos();
  }

  void send() {
    x.attempt = this;
    x.attemptStartNanos = x.sentNanos = x.now();
    x.upstreamEndNanos = 0;
    x.upstreamResponse = null;
    x.deadlines.startTotal(ec.timeouts());
    arm(firstByteNanos);
    HedgeAttempt.arm(x, chain, this);
    x.targets.request(ec, x.api, x.streaming, x.requestId).onComplete(ar -> x.guard(() -> {
      if (ar.failed()) {
        if (over()) return;
        if (refused(ar.cause()) && x.guard != null) x.guard.breaker().trip();
        fail(AttemptOutcome.connectFailure(), connectError(ar.cause()), false);
        return;
      }
      HttpClientRequest r = ar.result();
      if (over()) {
        r.reset();
        return;
      }
      req = r;
      x.upstreamRequest = r;
      r.send(x.upstreamBody).onComplete(sent -> x.guard(() -> {
        if (over()) return;
        if (sent.failed()) {
          fail(AttemptOutcome.resetBeforeHeaders(),
              GatewayError.unreachable(ec.id(), String.valueOf(sent.cause().getMessage())), false);
          return;
        }
        onHead(sent.result());
      }));
    }));
  }

  private boolean over() { return done || x.finished(); }

  /** Whether the attempt reached its commit point, failed or was cancelled (or the exchange ended). */
  boolean ended() { return over(); }

  /** A hedge won the race: stop this attempt without reporting it (the hedge gives its endpoint back). */
  void cancel() {
    done = true;
    cancelTimers();
    if (req != null) req.reset();
  }

  private void onHead(HttpClientResponse r) {
    resp = r;
    x.upstreamResponse = r;
    int status = r.statusCode();
    boolean sse = x.streaming && SseEvents.isEventStream(r);
    plainSuccess = status >= 200 && status < 300 && !sse;
    if (sse) {
      parser = new FirstTokenWatch();
      holdTimer = new TimerWheel.Entry(() -> {
        if (!over()) x.guard(() -> commit(false));
      });
      x.wheel.schedule(holdTimer, x.route.group().stream().holdFirstTokenTimeout().toNanos());
    }
    r.handler(chunk -> {
      if (!over()) x.guard(() -> onChunk(chunk));
    });
    r.exceptionHandler(t -> {
      if (!over()) x.guard(() -> fail(AttemptOutcome.resetBeforeHeaders(),
          GatewayError.broken(ec.id(), String.valueOf(t.getMessage())), false));
    });
    r.endHandler(v -> {
      if (!over()) x.guard(this::onEnd);
    });
  }

  private void onChunk(Buffer chunk) {
    if (lastChunkNanos == 0) {
      // From the first byte on, the idle timeout applies: re-arm once for it.
      arm(idleNanos);
    }
    lastChunkNanos = x.now();
    hold(chunk);
    if (parser == null) {
      if (held.length() > (plainSuccess ? MAX_PLAIN_HOLD : MAX_ERROR_BODY)) commit(false);
      return;
    }
    parser.feed(chunk);
    if (parser.problem() != null) {
      fail(AttemptOutcome.resetBeforeHeaders(), GatewayError.broken(ec.id(), parser.problem()), false);
    } else if (parser.reached() || held.length() > x.route.group().stream().holdFirstTokenBytes()) {
      commit(false);
    }
  }

  /** Vert.x hands each chunk over as its own heap buffer, so keeping a reference to it is safe. */
  private void hold(Buffer chunk) {
    if (held == null) {
      held = chunk;
    } else {
      if (!heldOwned) {
        held = Buffer.buffer(Math.max(1024, 2 * (held.length() + chunk.length()))).appendBuffer(held);
        heldOwned = true;
      }
      held.appendBuffer(chunk);
    }
  }

  private void onEnd() {
    if (plainSuccess) {
      commit(true);
    } else if (parser == null) {
      Failover.afterResponse(x, chain, this, resp.statusCode(), ErrorCodes.find(held));
    } else if (parser.finished()) {
      commit(true);
    } else {
      fail(AttemptOutcome.resetBeforeHeaders(), GatewayError.broken(ec.id(), "the stream ended before its first token"), false);
    }
  }

  /** The answer will be relayed: hand the held bytes to the relay. */
  void commit(boolean complete) {
    done = true;
    cancelTimers();
    if (x.hedge != null) x.hedge.primaryCommitted();
    x.held = held;
    x.heldComplete = complete;
    if (complete) x.upstreamEndNanos = x.now();
    chain.proceed();
  }

  /** The attempt failed before its commit point: tell {@link Failover}, which retries or answers. */
  void fail(AttemptOutcome outcome, GatewayError error, boolean passable) {
    done = true;
    cancelTimers();
    if (x.hedge != null && x.hedge.pending()) {
      // A hedge is still running: it carries on as the request's attempt, so this one's answer is dropped.
      if (req != null) req.reset();
      x.upstreamRequest = null;
      x.hedge.primaryFailed(outcome, resp == null ? name -> null : resp::getHeader, error);
      return;
    }
    if (req != null && !passable) req.reset();
    x.upstreamRequest = null;
    if (passable) {
      x.held = held;
      x.heldComplete = true;
      x.upstreamEndNanos = x.now();
    }
    Failover.afterFailure(x, chain, outcome, resp == null ? name -> null : resp::getHeader, error, passable);
  }

  /** The status and body of an error response the failover may pass through unchanged. */
  void failWithResponse(AttemptOutcome outcome) {
    fail(outcome, null, true);
  }

  private void arm(long delayNanos) { x.wheel.schedule(timer, delayNanos); }

  private void checkSilence() {
    if (over()) return;
    long now = x.now();
    if (lastChunkNanos == 0) {
      long left = firstByteNanos - (now - x.attemptStartNanos);
      if (left > 0) arm(left);
      else x.guard(() -> fail(AttemptOutcome.timeout(), GatewayError.timeout("first byte", ec.id()), false));
      return;
    }
    long silent = now - lastChunkNanos;
    if (silent < idleNanos) arm(idleNanos - silent);
    else x.guard(() -> fail(AttemptOutcome.timeout(), GatewayError.timeout("idle", ec.id()), false));
  }

  private void cancelTimers() {
    x.wheel.cancel(timer);
    if (holdTimer != null) x.wheel.cancel(holdTimer);
  }

  /**
   * A refused connection: nothing listens on the endpoint's port, so it is down, not slow. Its breaker opens at
   * once instead of after {@code allowed_failures_per_minute} more requests found it so; the breaker's probe
   * after the cooldown readmits it. A connect timeout is not proof and counts as an ordinary failure.
   */
  static boolean refused(Throwable cause) {
    return cause instanceof java.net.ConnectException && !(cause instanceof ConnectTimeoutException);
  }

  private GatewayError connectError(Throwable cause) {
    if (cause instanceof ConnectTimeoutException) return GatewayError.timeout("connect", ec.id());
    return GatewayError.unreachable(ec.id(), UpstreamTls.connectFailure(cause));
  }
}
