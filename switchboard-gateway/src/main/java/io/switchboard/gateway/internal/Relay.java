package io.switchboard.gateway.internal;

import io.netty.util.AsciiString;
import io.switchboard.core.resilience.RateLimitHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Stage 6: relays the committed upstream response. Status and body pass through unchanged (error statuses
 * included), minus hop-by-hop headers, plus {@code x-request-id}, {@code x-switchboard-endpoint},
 * {@code x-switchboard-attempts}, {@code x-switchboard-route} (why the endpoint was picked, when the router said)
 * and, when a fallback group answered, {@code x-switchboard-fallback}. The
 * bytes the attempt held back before its commit point go first; a body read whole ends at once.
 *
 * <p>Back-pressure both ways, as in Netty's proxy example: when the client's write queue is full the
 * upstream response is paused, and the client's drain resumes it. No lock is needed: every handler here
 * runs on the request's event loop. A stream that ends without {@code [DONE]} or a finish reason is not
 * ended cleanly: it gets an explicit error event, so a cut answer never looks finished.
 */
final class Relay implements Stage {
  private static final AsciiString[] SMALL = new AsciiString[10];

  static {
    for (int i = 0; i < SMALL.length; i++) SMALL[i] = AsciiString.cached(Integer.toString(i));
  }

  @Override
  public void run(Exchange x, Chain chain) {
    HttpClientResponse up = x.upstreamResponse;
    HttpServerResponse down = x.response;
    int status = up.statusCode();
    boolean sse = x.streaming && SseEvents.isEventStream(up);
    x.streaming = sse;
    copyHead(up, down, x);
    x.deadlines.committed();
    if (sse) {
      down.setChunked(true);
    } else if (x.heldComplete) {
      down.putHeader(HeaderNames.CONTENT_LENGTH, Integer.toString(x.held == null ? 0 : x.held.length()));
    } else {
      String length = up.getHeader(HeaderNames.CONTENT_LENGTH);
      if (length != null && (x.held == null || x.held.length() == 0)) down.putHeader(HeaderNames.CONTENT_LENGTH, length);
      else down.setChunked(true);
    }
    BodySink sink = !sse ? new PlainBody(x, status == 200)
        : x.primary.group().stream().continueOnFailure() ? new StreamContinuation(x, chain).firstLeg() : new SseBody(x);
    if (x.held != null && x.held.length() > 0) sink.onChunk(x.held);
    x.held = null;
    if (x.finished() || x.upstreamResponse != up) return;
    if (x.heldComplete) {
      end(x, sink, down);
      return;
    }
    // After a stream continuation took over (x.upstreamResponse changed), this leg's late events are ignored.
    down.drainHandler(v -> {
      if (x.finished() || x.upstreamResponse != up) return;
      x.deadlines.paused(false);
      up.resume();
    });
    up.handler(chunk -> {
      if (x.finished() || x.upstreamResponse != up) return;
      x.guard(() -> {
        x.deadlines.chunk(x.now());
        sink.onChunk(chunk);
        if (!x.finished() && down.writeQueueFull()) {
          x.deadlines.paused(true);
          up.pause();
        }
      });
    });
    up.exceptionHandler(t -> {
      if (!x.finished() && x.upstreamResponse == up) {
        x.guard(() -> x.breakStream(GatewayError.broken(x.endpointId(), String.valueOf(t.getMessage()))));
      }
    });
    up.endHandler(v -> {
      if (x.finished() || x.upstreamResponse != up) return;
      x.guard(() -> end(x, sink, down));
    });
  }

  private static void end(Exchange x, BodySink sink, HttpServerResponse down) {
    if (x.upstreamEndNanos == 0) x.upstreamEndNanos = x.now();
    if (!sink.onEnd()) {
      x.breakStream(GatewayError.broken(x.endpointId(), "the stream ended without [DONE] or a finish_reason"));
      return;
    }
    x.complete();
  }

  private static void copyHead(HttpClientResponse up, HttpServerResponse down, Exchange x) {
    down.setStatusCode(up.statusCode());
    MultiMap out = down.headers();
    boolean limits = false;
    for (Map.Entry<String, String> h : up.headers()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("content-type")) {
        String v = h.getValue();
        out.add(HeaderNames.CONTENT_TYPE, v.equals("application/json") ? HeaderNames.APPLICATION_JSON : v);
      } else if (!HopByHop.is(name)) {
        out.add(name, h.getValue());
      }
      if (!limits) limits = RateLimitHeaders.isRead(name);
    }
    x.noLimitHeaders = !limits;
    // HopByHop kept the upstream's copies of these out, so they are added, not set (no lookup).
    // Values as AsciiStrings where they can be: Netty copies those in bulk, a String byte by byte.
    out.add(HeaderNames.REQUEST_ID, x.requestIdValue);
    out.add(HeaderNames.ENDPOINT, x.endpointId());
    if (x.receipt != null) {
      byte[] route = x.receipt.compactAscii();
      out.add(HeaderNames.ROUTE, route != null ? new AsciiString(route, false) : x.receipt.compact());
    }
    out.add(HeaderNames.ATTEMPTS, x.attempts < SMALL.length ? SMALL[x.attempts] : Integer.toString(x.attempts));
    if (x.fallbackModel != null) out.add(HeaderNames.FALLBACK, x.fallbackModel);
  }
}
