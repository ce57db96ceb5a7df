package io.switchboard.gateway.internal;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Stage 6: relays the upstream response. Status and body pass through unchanged (error statuses
 * included), minus hop-by-hop headers, plus {@code x-request-id} and {@code x-switchboard-endpoint}.
 *
 * <p>Back-pressure both ways, as in Netty's proxy example: when the client's write queue is full the
 * upstream response is paused, and the client's drain resumes it. No lock is needed: every handler here
 * runs on the request's event loop. The head goes out with the first body bytes, so a stream that never
 * produced an event can still be answered with a clean 504.
 */
final class Relay implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    HttpClientResponse up = x.upstreamResponse;
    HttpServerResponse down = x.response;
    int status = up.statusCode();
    String type = up.getHeader("content-type");
    boolean sse = x.streaming && status == 200 && type != null && type.startsWith("text/event-stream");
    x.streaming = sse;
    copyHead(up, down, x);
    if (sse) {
      down.setChunked(true);
    } else {
      x.deadlines.firstByte();
      String length = up.getHeader("content-length");
      if (length != null) down.putHeader("content-length", length);
      else down.setChunked(true);
    }
    BodySink sink = sse ? new SseBody(x) : new PlainBody(x, status == 200);
    down.drainHandler(v -> {
      if (x.finished()) return;
      x.deadlines.paused(false);
      up.resume();
    });
    up.handler(chunk -> {
      if (x.finished()) return;
      x.guard(() -> {
        x.deadlines.chunk(x.now());
        sink.onChunk(chunk);
        if (down.writeQueueFull()) {
          x.deadlines.paused(true);
          up.pause();
        }
      });
    });
    up.exceptionHandler(t -> {
      if (!x.finished()) x.fail(GatewayError.broken(x.endpointId(), String.valueOf(t.getMessage())));
    });
    up.endHandler(v -> {
      if (x.finished()) return;
      x.guard(() -> {
        x.upstreamEndNanos = x.now();
        sink.onEnd();
        x.complete();
      });
    });
  }

  private static void copyHead(HttpClientResponse up, HttpServerResponse down, Exchange x) {
    down.setStatusCode(up.statusCode());
    MultiMap out = down.headers();
    for (Map.Entry<String, String> h : up.headers()) {
      if (!HopByHop.is(h.getKey())) out.add(h.getKey(), h.getValue());
    }
    out.set("x-request-id", x.requestId);
    out.set("x-switchboard-endpoint", x.endpointId());
  }
}
