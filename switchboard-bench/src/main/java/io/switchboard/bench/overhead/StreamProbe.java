package io.switchboard.bench.overhead;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-repo streaming client: time to first token, and many concurrent slow streams. */
final class StreamProbe {
  private final Vertx vertx;

  StreamProbe(Vertx vertx) { this.vertx = vertx; }

  /** Median and p99 time (ms) from sending a streaming request to its first body bytes, over {@code n} in a row. */
  double[] timeToFirstByte(int port, String body, int n) throws Exception {
    HttpClientAgent client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true))
        .with(new PoolOptions().setHttp1MaxSize(1)).build();
    try {
      double[] ms = new double[n];
      for (int i = 0; i < n; i++) {
        ms[i] = oneStream(client, port, body).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      Arrays.sort(ms);
      return new double[] {ms[n / 2], ms[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)]};
    } finally {
      client.close();
    }
  }

  private Future<Double> oneStream(HttpClientAgent client, int port, String body) {
    Promise<Double> first = Promise.promise();
    long[] start = new long[1];
    client.request(options(port))
        .compose(req -> {
          start[0] = System.nanoTime();
          return req.send(Buffer.buffer(body));
        })
        .onSuccess(resp -> {
          resp.handler(buf -> {
            if (!first.future().isComplete()) first.tryComplete((System.nanoTime() - start[0]) / 1e6);
          });
          resp.exceptionHandler(first::tryFail);
          resp.endHandler(v -> first.tryFail("stream ended without data"));
        })
        .onFailure(first::tryFail);
    return first.future();
  }

  /**
   * Opens {@code n} concurrent streams (multiplexed over HTTP/2 cleartext so the client side needs few
   * sockets) and reports how many started, how many finished with {@code [DONE]}, and the gateway's RSS
   * once all had started.
   */
  Held hold(int port, String body, int n, long gatewayPid, long timeoutMs) throws Exception {
    HttpClientAgent client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
            .setTcpNoDelay(true).setHttp2MultiplexingLimit(100))
        .with(new PoolOptions().setHttp2MaxSize(n / 100 + 10).setMaxWaitQueueSize(n)).build();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try {
      for (int i = 0; i < n; i++) {
        client.request(options(port)).compose(req -> req.send(Buffer.buffer(body))).onSuccess(resp -> {
          boolean[] seen = new boolean[2];
          resp.handler(buf -> {
            if (!seen[0]) {
              seen[0] = true;
              started.incrementAndGet();
            }
            if (buf.toString().contains("[DONE]")) seen[1] = true;
          });
          resp.endHandler(v -> (seen[1] ? done : failed).incrementAndGet());
          resp.exceptionHandler(e -> failed.incrementAndGet());
        }).onFailure(e -> failed.incrementAndGet());
      }
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (started.get() + failed.get() < n && System.currentTimeMillis() < deadline) Thread.sleep(100);
      long rss = ProcessStats.rssBytes(gatewayPid);
      int startedAll = started.get();
      while (done.get() + failed.get() < n && System.currentTimeMillis() < deadline) Thread.sleep(100);
      return new Held(n, startedAll, done.get(), failed.get(), rss);
    } finally {
      client.close();
    }
  }

  private static RequestOptions options(int port) {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI("/v1/chat/completions").putHeader("content-type", "application/json")
        .putHeader("authorization", "Bearer bench");
  }

  record Held(int requested, int started, int completed, int failed, long gatewayRssBytes) {}
}
