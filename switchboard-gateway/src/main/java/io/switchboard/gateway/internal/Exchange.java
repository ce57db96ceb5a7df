package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.RoutingReceipt;
import io.switchboard.core.resilience.AttemptOutcome;
import io.switchboard.core.resilience.EndpointGuard;
import io.switchboard.core.resilience.RetryBudget;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One proxied request from arrival to its access-log line: what the stages learned and decided, and the
 * two ways it ends ({@link #complete}, {@link #fail}), each of which runs {@link Finish} once.
 *
 * <p>Confined to the event loop that accepted the request: every callback that touches it runs on that
 * context (the queue hands admission over with {@code runOnContext}), so plain fields suffice.
 */
final class Exchange {
  /** Status logged for a client that went away before its answer ended (nginx's convention). */
  static final int CLIENT_CLOSED = 499;

  final Shared shared;
  /** Deadlines of this event loop's requests. */
  final TimerWheel wheel;
  /** This event loop's derived upstream request targets. */
  final UpstreamTargets targets;
  final HttpServerRequest request;
  final HttpServerResponse response;
  final Context context;
  final Api api;
  final String requestId;
  /** The same id as written into response headers (an {@code AsciiString} when the gateway made it). */
  final CharSequence requestIdValue;
  final RoutingTable table;
  final long startNanos;
  final Deadlines deadlines = new Deadlines(this);
  final RandomGenerator random;
  /** Endpoints this request must not go to again (they failed it); identity comparison. */
  final ArrayList<EndpointState> tried = new ArrayList<>(2);

  String keyName;
  byte[] body;
  int bodyLength;
  long bodyReadNanos;
  RequestPeek peek;
  /** The group the request is being served by now; {@link #primary} is the one its model resolved to. */
  RoutingTable.Route route;
  RoutingTable.Route primary;
  /** The group whose fallback list is being walked, and the index reached in it. */
  RoutingTable.Route chainOwner;
  String chainOwnerModel;
  int chainIndex = -1;
  /** The model name the current group is asked for; {@link #fallbackModel} is set when it is a fallback. */
  String currentModel;
  String fallbackModel;
  RetryBudget budget;
  RouteRequest routeRequest;
  QueueWaiter waiter;
  long queuedNanos;
  EndpointState endpoint;
  /** The routing decision behind the current attempt, until its outcome is reported; null when none. */
  RouteDecision decision;
  /** Why the latest attempt's endpoint was picked; null when it came from the admission queue. */
  RoutingReceipt receipt;
  EndpointGuard guard;
  long guardTokens;
  /** What the request is charged against TPM budgets before it is sent ({@link RouteRequest#maxTokensNeeded}). */
  long budgetTokens;
  /** The body size the prompt's token count was estimated from; 0 when it was counted exactly. */
  int estimatedPromptBytes;
  String endpointName;
  int attempts;
  long attemptStartNanos;
  UpstreamAttempt attempt;
  StringBuilder attemptLog;
  /** Body bytes read before the commit point, replayed by the relay; {@code heldComplete}: the whole body. */
  Buffer held;
  boolean heldComplete;
  GatewayError lastError;
  boolean lastPassable;
  long waitTimer = -1;
  EndpointConfig endpointConfig;
  Buffer upstreamBody;
  boolean dropUsageChunk;
  HttpClientRequest upstreamRequest;
  HttpClientResponse upstreamResponse;
  /** The relayed response carries no rate-limit header (its guard then skips every lookup). */
  boolean noLimitHeaders;
  long sentNanos;
  long upstreamEndNanos;
  boolean streaming;
  /** Set when the group continues broken streams elsewhere ({@code stream.continue_on_failure}). */
  StreamContinuation continuation;
  /** The hedge of the first attempt, once sent ({@code hedge} of the group). */
  HedgeAttempt hedge;
  long firstTokenNanos;
  long servedTokens;
  int promptTokens = -1;
  int completionTokens = -1;
  int status;
  String error;
  private boolean finished;
  private boolean closeConnection;

  Exchange(Shared shared, TimerWheel wheel, UpstreamTargets targets,
           HttpServerRequest request, Api api, CharSequence requestId, RandomGenerator random) {
    this.wheel = wheel;
    this.targets = targets;
    this.random = random;
    this.shared = shared;
    this.request = request;
    this.response = request.response();
    this.context = Vertx.currentContext();
    this.api = api;
    this.requestId = requestId.toString();
    this.requestIdValue = requestId;
    this.table = shared.tables.get();
    this.startNanos = shared.ticker.getAsLong();
    shared.metrics.requestStarted(table);
  }

  long now() { return shared.ticker.getAsLong(); }

  boolean finished() { return finished; }

  String endpointId() { return endpointName; }

  /** The attempt about to be sent goes to {@code e}, whose slot and guard admission are held. */
  void useEndpoint(EndpointState e, EndpointGuard g, long tokens) {
    endpoint = e;
    decision = null;
    receipt = null;
    guard = g;
    guardTokens = tokens;
    endpointName = e.id();
    servedTokens = 0;
    attempts++;
  }

  /** The request is served by {@code r} from now on, asking for {@code model}. */
  void useGroup(RoutingTable.Route r, String model) {
    route = r;
    currentModel = model;
    fallbackModel = r == primary ? null : model;
  }

  /**
   * The current attempt failed before anything reached the client: reports it to the endpoint's guard,
   * gives back its token charge and its slot, and logs it. Returns the endpoint it went to.
   */
  EndpointState endAttempt(AttemptOutcome outcome, Function<String, String> headers) {
    EndpointState e = endpoint;
    if (e == null) return null;
    guard.onOutcome(outcome, headers);
    guard.onUsage(guardTokens, 0);
    long now = now();
    reportFinished(now, 0, false);
    logAttempt(outcomeLabel(outcome), now);
    endpoint = null;
    guard = null;
    e.release(Math.max(0, routeRequest.expectedTokens() - servedTokens));
    shared.drainer.afterRelease(table, e);
    return e;
  }

  /** The attempt's endpoint was picked by {@code d}, whose outcome this exchange now owes. */
  void routed(RouteDecision d) {
    decision = d;
    receipt = d.receipt();
    if (receipt != null) shared.metrics.decided(route.group().model(), receipt.reason());
  }

  /** Reports the current attempt's first token to its routing decision (once; later calls are ignored). */
  void reportFirstToken(long nowNanos) {
    if (decision == null) return;
    decision.firstToken(nowNanos - sentNanos);
    // Predictions just improved: a request held in a queue for its TTFT objective may now be met.
    shared.drainer.afterRelease(table, endpoint);
  }

  /** Reports the current attempt's end to its routing decision, exactly once. */
  void reportFinished(long nowNanos, int outputTokens, boolean ok) {
    RouteDecision d = decision;
    if (d == null) return;
    decision = null;
    d.finished(outputTokens, sentNanos >= attemptStartNanos && sentNanos > 0 ? nowNanos - sentNanos : 0, ok);
  }

  void logAttempt(String outcome, long nowNanos) { logAttempt(endpointName, outcome, attemptStartNanos, nowNanos); }

  void logAttempt(String endpointName, String outcome, long attemptStartNanos, long nowNanos) {
    if (attemptLog == null) attemptLog = new StringBuilder(64);
    else attemptLog.append(',');
    attemptLog.append("{\"endpoint\":");
    Json.quote(attemptLog, endpointName);
    attemptLog.append(",\"outcome\":");
    Json.quote(attemptLog, outcome);
    attemptLog.append(",\"ms\":").append((nowNanos - attemptStartNanos) / 1_000_000).append('}');
  }

  static String outcomeLabel(AttemptOutcome o) {
    return switch (o.kind()) {
      case CONNECT_FAILURE -> "connect_failure";
      case RESET_BEFORE_HEADERS -> "reset";
      case TIMEOUT -> "timeout";
      case RESPONSE -> o.errorCode().isEmpty() ? Integer.toString(o.status()) : o.status() + " " + o.errorCode();
    };
  }

  /** Runs {@code r} on this event loop after {@code nanos}, unless the exchange ends first. */
  void waitThen(long nanos, Runnable r) {
    waitTimer = shared.vertx.setTimer(Math.max(1, nanos / 1_000_000), id -> {
      waitTimer = -1;
      if (!finished) guard(r);
    });
  }

  /** Tokens of this request the endpoint no longer has to serve (prefilled or decoded). */
  void served(long tokens) {
    long n = Math.min(tokens, routeRequest.expectedTokens() - servedTokens);
    if (n <= 0) return;
    endpoint.tokensServed(n);
    servedTokens += n;
  }

  /**
   * Cancels the upstream work as soon as the client goes away, whatever stage the exchange is in. A close
   * after the response ended is not the client leaving: an HTTP/2 stream closes inside {@code end()},
   * before the relay has marked the exchange complete.
   */
  void watchClient() {
    response.closeHandler(v -> {
      if (!finished && !response.ended()) {
        finished = true;
        error = "client_closed";
        status = CLIENT_CLOSED;
        resetUpstream();
        Finish.run(this);
      }
    });
  }

  /** Runs stage code; an exception it throws becomes a 500 (or a stream error) instead of escaping. */
  void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      fail(GatewayError.internal(e.toString()));
    }
  }

  /** The upstream answer was relayed completely. */
  void complete() {
    if (finished) return;
    finished = true;
    status = response.getStatusCode();
    Finish.run(this);
  }

  /**
   * Ends the exchange with a gateway error, told to the client the only way still open: a JSON error
   * while the head is unwritten, an SSE error event on a started stream, a reset connection on a started
   * plain body (whose declared length or missing last chunk then shows the truncation).
   */
  void fail(GatewayError e) {
    if (finished) return;
    // Finished before the reset: callbacks the reset fires synchronously must find the exchange over.
    finished = true;
    resetUpstream();
    error = e.code();
    if (!response.ended() && !response.closed()) {
      if (!response.headWritten()) {
        response.headers().clear();
        if (closeConnection) response.putHeader("connection", "close");
        response.putHeader("x-switchboard-endpoint", endpointId() == null ? "none" : endpointId());
        if (receipt != null) response.putHeader("x-switchboard-route", receipt.compact());
        if (attempts > 0) response.putHeader("x-switchboard-attempts", Integer.toString(attempts));
        ErrorReplies.send(response, e, requestId);
        status = e.status();
      } else if (streaming) {
        response.end(ErrorReplies.sseErrorEvent(e));
        status = response.getStatusCode();
      } else {
        response.reset();
        status = response.getStatusCode();
      }
    }
    Finish.run(this);
  }

  /**
   * A stream whose head went out broke (cut, stall, malformed event): continued on another endpoint when the
   * group allows it, else ended with an explicit error event.
   */
  void breakStream(GatewayError e) {
    if (continuation != null && !finished) continuation.broke(e);
    else fail(e);
  }

  /** Sends an error and closes the connection once the client finished sending (the body is not wanted). */
  void rejectBody(GatewayError e) {
    if (finished) return;
    closeConnection = true;
    request.handler(chunk -> {});
    request.endHandler(v -> request.connection().close());
    fail(e);
  }

  private void resetUpstream() {
    HttpClientRequest up = upstreamRequest;
    if (up != null && upstreamEndNanos == 0) up.reset();
  }
}
