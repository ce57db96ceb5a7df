package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes gateway-made errors: a JSON body before the head went out, an SSE error event after. */
final class ErrorReplies {
  private ErrorReplies() {}

  /** A complete JSON error response. The caller knows the head has not been written. */
  static void send(HttpServerResponse resp, GatewayError e, String requestId) {
    resp.setStatusCode(e.status())
        .putHeader("content-type", "application/json")
        .putHeader("x-request-id", requestId);
    if (e.retryAfterSeconds() > 0) resp.putHeader("retry-after", Integer.toString(e.retryAfterSeconds()));
    resp.end(e.json());
  }

  /**
   * The last event of a stream that broke after it started: an explicit error, so no client can mistake
   * the truncated answer for a finished one. No {@code [DONE]} follows.
   */
  static Buffer sseErrorEvent(GatewayError e) {
    return Buffer.buffer("data: " + e.json() + "\n\n");
  }
}
