package io.switchboard.bench.chaos;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load: requests start on a fixed schedule ({@code rate} per second, whatever the answers do),
 * mixed streaming and not, each asking for a random number of tokens. Every answer is read whole and judged
 * by {@link AnswerCheck}; a request still open at the client timeout is reset and counted as hung. All of it
 * runs on one event loop of the client's own Vert.x instance, so no field needs a lock.
 */
final class LoadGenerator {
  private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");
  private static final long TICK_MILLIS = 10;

  private final Vertx vertx;
  private final int port;
  private final String model;
  private final double rate;
  private final double streamShare;
  private final int minTokens;
  private final int maxTokens;
  private final long clientTimeoutMillis;
  private final RandomGenerator random;
  private final HttpClientAgent client;
  private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger open = new AtomicInteger();
  private long startNanos;
  private long sent;
  private volatile long maxLagMillis;

  LoadGenerator(Vertx vertx, int port, String model, double rate, double streamShare, int minTokens, int maxTokens,
                long clientTimeoutMillis, RandomGenerator random) {
    this.vertx = vertx;
    this.port = port;
    this.model = model;
    this.rate = rate;
    this.streamShare = streamShare;
    this.minTokens = minTokens;
    this.maxTokens = maxTokens;
    this.clientTimeoutMillis = clientTimeoutMillis;
    this.random = random;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true).setPipelining(false))
        .with(new PoolOptions().setHttp1MaxSize(1024)).build();
  }

  /**
   * Sends for {@code durationMillis} from {@code runStartNanos}, then waits for every open request to end
   * (each ends by the client timeout at the latest). Blocks the calling thread, never an event loop.
   */
  List<Sample> run(long runStartNanos, long durationMillis) throws Exception {
    startNanos = runStartNanos;
    CountDownLatch sending = new CountDownLatch(1);
    vertx.runOnContext(v -> vertx.setPeriodic(TICK_MILLIS, id -> {
      long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
      long due = (long) Math.floor(Math.min(elapsedMillis, durationMillis) * rate / 1000.0);
      while (sent < due) {
        // How late this request starts against the schedule: large values mean the machine starved us.
        maxLagMillis = Math.max(maxLagMillis, elapsedMillis - (long) (sent * 1000.0 / rate));
        sent++;
        send();
      }
      if (elapsedMillis >= durationMillis) {
        vertx.cancelTimer(id);
        sending.countDown();
      }
    }));
    sending.await();
    long until = System.currentTimeMillis() + clientTimeoutMillis + 5_000;
    while (open.get() > 0 && System.currentTimeMillis() < until) Thread.sleep(50);
    client.close().await(10, TimeUnit.SECONDS);
    return List.copyOf(samples);
  }

  /** The latest any request started after its scheduled time (ms); read after {@link #run}. */
  long maxLagMillis() { return maxLagMillis; }

  private void send() {
    boolean stream = random.nextDouble() < streamShare;
    int tokens = minTokens + random.nextInt(maxTokens - minTokens + 1);
    String body = "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":" + tokens
        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"request " + sent + ": tell me about resilient gateways\"}]}";
    Call call = new Call(stream, tokens, System.nanoTime());
    open.incrementAndGet();
    call.timer = vertx.setTimer(clientTimeoutMillis, id -> call.end(Verdict.HUNG, "client_timeout"));
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI("/v1/chat/completions").putHeader("content-type", "application/json"))
        .compose(req -> {
          call.request = req;
          return req.send(Buffer.buffer(body));
        })
        .onSuccess(call::onResponse)
        .onFailure(t -> call.end(Verdict.RESET, transportCode(t)));
  }

  private static String transportCode(Throwable t) {
    String name = t.getClass().getSimpleName();
    return name.isEmpty() ? "transport" : name;
  }

  /** One request in flight; ends exactly once. */
  private final class Call {
    final boolean stream;
    final int tokens;
    final long sentNanos;
    io.vertx.core.http.HttpClientRequest request;
    HttpClientResponse response;
    long timer;
    boolean ended;

    Call(boolean stream, int tokens, long sentNanos) {
      this.stream = stream;
      this.tokens = tokens;
      this.sentNanos = sentNanos;
    }

    void onResponse(HttpClientResponse r) {
      response = r;
      Buffer body = Buffer.buffer();
      r.handler(body::appendBuffer);
      r.exceptionHandler(t -> end(Verdict.RESET, transportCode(t)));
      r.endHandler(v -> {
        String text = body.toString();
        Verdict verdict = stream ? AnswerCheck.stream(r.statusCode(), text, tokens) : AnswerCheck.plain(r.statusCode(), text, tokens);
        end(verdict, verdict == Verdict.OK ? null : errorCode(text, verdict));
      });
    }

    void end(Verdict verdict, String code) {
      if (ended) return;
      ended = true;
      vertx.cancelTimer(timer);
      if (verdict == Verdict.HUNG && request != null) request.reset();
      long now = System.nanoTime();
      int status = response == null ? 0 : response.statusCode();
      String endpoint = response == null ? null : response.getHeader("x-switchboard-endpoint");
      String attempts = response == null ? null : response.getHeader("x-switchboard-attempts");
      samples.add(new Sample((sentNanos - startNanos) / 1_000_000, (now - sentNanos) / 1_000_000, stream, tokens,
          verdict, status, code, endpoint, attempts == null ? 0 : Integer.parseInt(attempts)));
      open.decrementAndGet();
    }
  }

  private static String errorCode(String body, Verdict verdict) {
    if (verdict == Verdict.SILENT_TRUNCATION) return "short_answer";
    Matcher m = ERROR_CODE.matcher(body);
    String last = null;
    while (m.find()) last = m.group(1);
    return last == null ? "unknown" : last;
  }
}
