package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

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
  final HttpClient client;
  final HttpServerRequest request;
  final HttpServerResponse response;
  final Context context;
  final Api api;
  final String requestId;
  final RoutingTable table;
  final long startNanos;
  final Deadlines deadlines = new Deadlines(this);

  String keyName;
  byte[] body;
  int bodyLength;
  long bodyReadNanos;
  RequestPeek peek;
  RoutingTable.Route route;
  RouteRequest routeRequest;
  QueueWaiter waiter;
  long queuedNanos;
  EndpointState endpoint;
  EndpointConfig endpointConfig;
  Buffer upstreamBody;
  boolean dropUsageChunk;
  HttpClientRequest upstreamRequest;
  HttpClientResponse upstreamResponse;
  long sentNanos;
  long upstreamEndNanos;
  boolean streaming;
  long firstTokenNanos;
  long servedTokens;
  int promptTokens = -1;
  int completionTokens = -1;
  int status;
  String error;
  private boolean finished;
  private boolean closeConnection;

  Exchange(Shared shared, HttpClient client, HttpServerRequest request, Api api, String requestId) {
    this.shared = shared;
    this.client = client;
    this.request = request;
    this.response = request.response();
    this.context = Vertx.currentContext();
    this.api = api;
    this.requestId = requestId;
    this.table = shared.tables.get();
    this.startNanos = shared.ticker.getAsLong();
    shared.metrics.requestStarted(table);
  }

  long now() { return shared.ticker.getAsLong(); }

  boolean finished() { return finished; }

  String endpointId() { return endpoint == null ? null : endpoint.id(); }

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
