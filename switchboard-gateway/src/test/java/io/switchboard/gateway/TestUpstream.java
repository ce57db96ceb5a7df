package io.switchboard.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A scripted upstream for protocol edge cases the simulator cannot produce on demand (an SSE event split
 * across writes, a break after a chosen byte). Records each request body and its headers.
 */
final class TestUpstream implements AutoCloseable {
  record Seen(String path, String body, String authorization, String requestId) {}

  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  TestUpstream(Vertx vertx, Handler<HttpServerRequest> script) {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      seen.add(new Seen(req.path(), b.toString(), req.getHeader("authorization"), req.getHeader("x-request-id")));
      script.handle(req);
    })).listen(0, "127.0.0.1").await();
  }

  String baseUrl() { return "http://127.0.0.1:" + server.actualPort(); }

  @Override
  public void close() { server.close().await(); }
}
