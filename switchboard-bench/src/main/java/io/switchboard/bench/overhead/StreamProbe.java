package io.switchboard.bench.overhead;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-repo streaming client: time to first token, and many concurrent slow streams. */
final class StreamProbe {
  /** How fast {@link #hold} opens its streams: 10,000 are all open after 5 s. */
  static final int OPEN_PER_SECOND = 2000;
  private final Vertx vertx;

  StreamProbe(Vertx vertx) { this.vertx = vertx; }

  /**
   * Median and p99 time (ms) from sending a streaming request to the first body bytes of its answer, over
   * {@code n} requests in a row on one keep-alive connection. A blocking socket with TCP_NODELAY and a
   * hand-written HTTP/1.1 request: nothing between the clock and the wire, the same bytes for every target.
   */
  double[] timeToFirstByte(int port, String body, int n) throws IOException {
    byte[] json = body.getBytes(StandardCharsets.UTF_8);
    byte[] request = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "Content-Type: application/json\r\nAccept: text/event-stream\r\nAuthorization: Bearer bench\r\n"
        + "Content-Length: " + json.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    double[] ms = new double[n];
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buf = new byte[65536];
      for (int i = 0; i < n; i++) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        long first = 0;
        while (true) {
          int r = in.read(buf);
          if (r < 0) throw new IOException("connection closed mid-stream: " + response);
          response.write(buf, 0, r);
          byte[] sofar = response.toByteArray();
          int head = indexOf(sofar, HEAD_END, 0);
          if (head < 0) continue;
          if (first == 0 && sofar.length > head + HEAD_END.length) first = System.nanoTime();
          if (endsWith(sofar, LAST_CHUNK)) break;
        }
        String status = new String(response.toByteArray(), 0, 12, StandardCharsets.US_ASCII);
        if (!status.endsWith("200")) throw new IOException("stream answered " + status + ": " + response);
        ms[i] = (first - start) / 1e6;
      }
    }
    Arrays.sort(ms);
    return new double[] {ms[n / 2], ms[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)]};
  }

  private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static int indexOf(byte[] a, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= a.length; i++) {
      for (int j = 0; j < needle.length; j++) if (a[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  private static boolean endsWith(byte[] a, byte[] suffix) {
    return a.length >= suffix.length && indexOf(a, suffix, a.length - suffix.length) >= 0;
  }

  /**
   * Opens {@code n} concurrent streams at {@link #OPEN_PER_SECOND} (multiplexed over HTTP/2 cleartext so
   * the client side needs few sockets; each must outlast the ramp for all to be open at once) and reports
   * how many started, how many finished with {@code [DONE]}, and the gateway's RSS
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
    Buffer payload = Buffer.buffer(body);
    // Every request is made on one context, so the response handlers are set in the same turn as the
    // response arrives: a handler set from another thread could miss the first chunk.
    Context context = vertx.getOrCreateContext();
    try {
      // Opened at OPEN_PER_SECOND, not all at once: 10,000 simultaneous connects from the gateway overflow the
      // upstream's accept backlog (somaxconn, 4096 here), and the dropped SYNs then miss the connect timeout.
      int perTick = Math.max(1, OPEN_PER_SECOND / 10);
      int[] opened = {0};
      context.runOnContext(v -> vertx.setPeriodic(0, 100, timer -> {
        int batch = Math.min(perTick, n - opened[0]);
        opened[0] += batch;
        if (opened[0] >= n) vertx.cancelTimer(timer);
        for (int i = 0; i < batch; i++) {
          client.request(options(port)).compose(req -> req.send(payload)).onSuccess(resp -> {
            boolean[] seen = new boolean[2];
            resp.handler(buf -> {
              if (!seen[0]) {
                seen[0] = true;
                started.incrementAndGet();
              }
              if (buf.toString().contains("[DONE]")) seen[1] = true;
            });
            resp.endHandler(e -> (seen[1] ? done : failed).incrementAndGet());
            resp.exceptionHandler(e -> failed.incrementAndGet());
          }).onFailure(e -> failed.incrementAndGet());
        }
      }));
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (started.get() + failed.get() < n && System.currentTimeMillis() < deadline) Thread.sleep(100);
      long rss = ProcessStats.rssBytes(gatewayPid);
      int fds = ProcessStats.openFds(gatewayPid);
      int startedAll = started.get();
      while (done.get() + failed.get() < n && System.currentTimeMillis() < deadline) Thread.sleep(100);
      return new Held(n, startedAll, done.get(), failed.get(), rss, fds);
    } finally {
      client.close();
    }
  }

  private static RequestOptions options(int port) {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI("/v1/chat/completions").putHeader("content-type", "application/json")
        .putHeader("authorization", "Bearer bench");
  }

  record Held(int requested, int started, int completed, int failed, long gatewayRssBytes, int gatewayFds) {}
}
