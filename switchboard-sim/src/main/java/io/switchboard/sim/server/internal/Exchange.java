package io.switchboard.sim.server.internal;

import io.vertx.core.http.HttpServerResponse;

/**
 * One {@code /v1/*} request from arrival to its single end: answered ({@link #end}), closed by the server
 * on purpose ({@link #abort}) or abandoned by the client (the connection closed first). Exactly one of the
 * three is counted; whichever comes first wins and the others do nothing.
 */
final class Exchange {
  private final HttpServerResponse response;
  private final Counters counters;
  private Runnable onClientGone = () -> {};
  private boolean settled;

  Exchange(HttpServerResponse response, Counters counters) {
    this.response = response;
    this.counters = counters;
    counters.received.incrementAndGet();
    response.exceptionHandler(e -> {}); // a write to a closed connection; the close handler accounts for it
    response.closeHandler(v -> {
      if (settle()) {
        counters.cancelledByClient.incrementAndGet();
        onClientGone.run();
      }
    });
  }

  HttpServerResponse response() {
    return response;
  }

  boolean settled() {
    return settled;
  }

  /** What to stop (engine work, timers) when the client leaves first. */
  void onClientGone(Runnable action) {
    onClientGone = action;
  }

  /** Writes part of a streaming body, unless the exchange is over. */
  void write(String data) {
    if (!settled) response.write(data);
  }

  void end(String body) {
    if (settle()) {
      counters.completed.incrementAndGet();
      response.end(body);
    }
  }

  void end(int status, String contentType, String body) {
    if (settled) return;
    response.setStatusCode(status).putHeader("content-type", contentType);
    end(body);
  }

  void endError(ApiError e) {
    end(e.status(), "application/json", Payloads.error(e));
  }

  /** Closes the connection without ending the response: the client sees a reset or a truncated body. */
  void abort() {
    if (settle()) {
      counters.aborted.incrementAndGet();
      response.reset();
    }
  }

  private boolean settle() {
    if (settled) return false;
    settled = true;
    return true;
  }
}
