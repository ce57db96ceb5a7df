package io.switchboard.bench.overhead;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/**
 * The fastest upstream we can write: a fixed chat completion for a plain request, or a fixed SSE stream
 * when the body asks for {@code "stream":true}. It does the least work possible so that what a benchmark
 * measures in front of it is the proxy, not the backend.
 *
 * <p>Streams send {@code chunks} content events {@code chunkInterval} apart; a long interval turns them into
 * the "slow streams" of the concurrency test.
 */
public final class FixedUpstream {
  static final Buffer COMPLETION = Buffer.buffer("""
      {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fixed upstream."},\
      "finish_reason":"stop"}],"usage":{"prompt_tokens":250,"completion_tokens":7,"total_tokens":257}}""");
  private static final Buffer CHUNK = Buffer.buffer("""
      data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"bench",\
      "choices":[{"index":0,"delta":{"content":"tok "},"finish_reason":null}]}

      """);
  private static final Buffer USAGE = Buffer.buffer("""
      data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"bench",\
      "choices":[],"usage":{"prompt_tokens":250,"completion_tokens":8,"total_tokens":258}}

      """);
  private static final Buffer FINISH = Buffer.buffer("""
      data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"bench",\
      "choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

      data: [DONE]

      """);

  private final Vertx vertx;
  private final int chunks;
  private final long chunkIntervalMs;
  private HttpServer server;

  public FixedUpstream(Vertx vertx, int chunks, Duration chunkInterval) {
    this.vertx = vertx;
    this.chunks = chunks;
    this.chunkIntervalMs = chunkInterval.toMillis();
  }

  /**
   * For profiling by hand: {@code FixedUpstream <port> [<slowPort> <streamSeconds>]} serves until killed,
   * a fast upstream on {@code port} and optionally a slow-stream one.
   */
  public static void main(String[] args) throws InterruptedException {
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    new FixedUpstream(vertx, 8, Duration.ZERO).start(Integer.parseInt(args[0])).await();
    if (args.length > 2) {
      new FixedUpstream(vertx, 10, Duration.ofSeconds(Long.parseLong(args[2])).dividedBy(10))
          .start(Integer.parseInt(args[1])).await();
    }
    System.out.println("fixed upstream on 127.0.0.1:" + String.join(",", args));
    new java.util.concurrent.CountDownLatch(1).await();
  }

  public Future<FixedUpstream> start(int port) {
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setHost("127.0.0.1").setPort(port))
        .requestHandler(this::handle)
        .listen()
        .map(s -> {
          server = s;
          return this;
        });
  }

  public int port() { return server.actualPort(); }

  public Future<Void> close() { return server == null ? Future.succeededFuture() : server.close(); }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      boolean stream = indexOf(body, "\"stream\":true") >= 0 || indexOf(body, "\"stream\": true") >= 0;
      var resp = req.response();
      if (!stream) {
        resp.putHeader("content-type", "application/json").end(COMPLETION);
        return;
      }
      resp.setChunked(true).putHeader("content-type", "text/event-stream");
      resp.write(CHUNK);
      sendRest(resp, chunks - 1);
    });
  }

  private void sendRest(io.vertx.core.http.HttpServerResponse resp, int left) {
    if (resp.closed()) return;
    if (left <= 0) {
      resp.write(USAGE);
      resp.end(FINISH);
      return;
    }
    Runnable next = () -> {
      if (resp.closed()) return;
      resp.write(CHUNK);
      sendRest(resp, left - 1);
    };
    if (chunkIntervalMs <= 0) next.run();
    else vertx.setTimer(chunkIntervalMs, t -> next.run());
  }

  private static int indexOf(Buffer body, String needle) {
    return body.toString().indexOf(needle);
  }
}
