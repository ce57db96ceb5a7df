package io.switchboard.gateway.internal;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

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
final class UpstreamAttempt implements SseParser.Listener {
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
  private Buffer held;
  private SseParser parser;
  /** A successful plain response whose body is being held until it ends. */
  private boolean plainSuccess;
  private int seen;
  private boolean done;
  private long timer = -1;
  private long holdTimer = -1;
  private long lastChunkNanos;

  UpstreamAttempt(Exchange x, Chain chain) {
    this.x = x;
    this.chain = chain;
    this.ec = x.endpointConfig;
    this.firstByteNanos = ec.timeouts().firstByte().toNanos();
    this.idleNanos = ec.timeouts().idle().toNanos();
  }

  void send() {
    URI base = ec.baseUrl();
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    String path = base.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(port)
        .setSsl(tls).setURI(path + x.api.upstreamPath)
        .setConnectTimeout(Math.max(1, ec.timeouts().connect().toMillis()))
        .putHeader("content-type", "application/json")
        .putHeader("accept", x.streaming ? "text/event-stream" : "application/json")
        .putHeader("x-request-id", x.requestId);
    if (ec.apiKey() != null) o.putHeader("authorization", "Bearer " + ec.apiKey().value());
    x.attempt = this;
    x.attemptStartNanos = x.sentNanos = x.now();
    x.upstreamEndNanos = 0;
    x.upstreamResponse = null;
    x.deadlines.startTotal(ec.timeouts());
    arm(firstByteNanos);
    HedgeAttempt.arm(x, chain, this);
    x.client.request(o).onComplete(ar -> x.guard(() -> {
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
    String type = r.getHeader("content-type");
    boolean sse = x.streaming && status == 200 && type != null && type.startsWith("text/event-stream");
    plainSuccess = status >= 200 && status < 300 && !sse;
    held = Buffer.buffer(sse ? 1024 : plainSuccess ? 4096 : 512);
    if (sse) {
      parser = new SseParser();
      long holdMillis = x.route.group().stream().holdFirstTokenTimeout().toMillis();
      holdTimer = x.shared.vertx.setTimer(Math.max(1, holdMillis), id -> {
        holdTimer = -1;
        if (!over()) x.guard(() -> commit(false));
      });
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
      if (timer >= 0) x.shared.vertx.cancelTimer(timer);
      arm(idleNanos);
    }
    lastChunkNanos = x.now();
    held.appendBuffer(chunk);
    if (parser == null) {
      if (held.length() > (plainSuccess ? MAX_PLAIN_HOLD : MAX_ERROR_BODY)) commit(false);
      return;
    }
    Bytes b = Bytes.of(chunk);
    parser.feed(b.array(), b.offset(), b.length(), this);
    if (done) return;
    if ((seen & (SseEvents.CONTENT | SseEvents.FINISH | SseEvents.DONE)) != 0
        || held.length() > x.route.group().stream().holdFirstTokenBytes()) {
      commit(false);
    }
  }

  @Override
  public void onEvent(byte[] data, int length, boolean hasData, int end) {
    if (!hasData || done || (seen & (SseEvents.CONTENT | SseEvents.FINISH | SseEvents.DONE)) != 0) return;
    int f = SseEvents.classify(data, length);
    if ((f & SseEvents.MALFORMED) != 0) {
      fail(AttemptOutcome.resetBeforeHeaders(), GatewayError.broken(ec.id(), "malformed event before the first token"), false);
    } else if ((f & SseEvents.ERROR) != 0) {
      fail(AttemptOutcome.resetBeforeHeaders(), GatewayError.broken(ec.id(), "error event before the first token"), false);
    } else {
      seen |= f;
    }
  }

  private void onEnd() {
    if (plainSuccess) {
      commit(true);
    } else if (parser == null) {
      Failover.afterResponse(x, chain, this, resp.statusCode(), ErrorCodes.find(held));
    } else if ((seen & (SseEvents.FINISH | SseEvents.DONE)) != 0) {
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

  /** One lazily re-armed timer: {@code first_byte} from the send until the first body byte, then {@code idle}. */
  private void arm(long delayNanos) {
    timer = x.shared.vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> {
      timer = -1;
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
    });
  }

  private void cancelTimers() {
    if (timer >= 0) x.shared.vertx.cancelTimer(timer);
    if (holdTimer >= 0) x.shared.vertx.cancelTimer(holdTimer);
    timer = holdTimer = -1;
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
    return GatewayError.unreachable(ec.id(), String.valueOf(cause.getMessage()));
  }
}
