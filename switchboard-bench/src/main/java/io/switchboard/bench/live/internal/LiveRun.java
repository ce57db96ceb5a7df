package io.switchboard.bench.live.internal;

import io.switchboard.bench.live.LiveOptions;
import io.switchboard.bench.live.LiveResult;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.internal.Measurements;
import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.server.SimServer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live run: an open-loop client that sends each request of a workload at its arrival time (from the start
 * of the run, already rate-scaled) through the gateway, reads the streamed answer and measures it with
 * {@link Measurements}, exactly as the virtual-time replay does.
 *
 * <p>Open loop: a request is sent when its time comes whether or not earlier ones have finished; arrivals are
 * kept in order by preparing the next body, and leasing its pooled connection, while waiting for its timer. TTFT
 * runs from the moment the request is written (its time, or later if the client's loop woke late) to the first SSE
 * event that carries output text, so it includes the gateway's routing and relay and the server's API overhead, as
 * the virtual TTFT includes the modelled API overhead.
 *
 * <p>Every callback runs on one event loop (the client's context): no locks. A hard deadline
 * ({@link LiveOptions#timeout()}) resets whatever is still in flight and drops what was not yet sent, counting
 * both as errors, so a run always ends.
 */
public final class LiveRun {
  private static final Logger log = LoggerFactory.getLogger(LiveRun.class);
  private static final long DEFAULT_SAMPLE_NANOS = ReplayConfig.DEFAULT_SCRAPE_NANOS;
  private static final int WARMUP_ROUNDS = 2;
  private static final long WARMUP_SEED = -0x5741524DL;
  /**
   * How long before its time a request may hold a pooled connection. Longer gaps (a sparse trace) lease at send
   * time: a connection idle that long may be closed by the server first.
   */
  private static final long MAX_LEASE_AHEAD_NANOS = 1_000_000_000L;

  private final LiveStack stack;
  private final Context ctx;
  private final Workload workload;
  private final double rateScale;
  private final int limit;
  private final ReplayConfig config;
  private final LiveOptions options;
  private final Measurements metrics;
  private final long warmup;
  private final Promise<LiveResult> result = Promise.promise();
  private final HashMap<Long, LiveRequest> inFlight = new HashMap<>();
  private HttpClient client;
  private RequestStream stream;
  private long origin;
  private long lastArrival;
  private boolean arrivalsDone;
  private boolean ending;
  private long deadlineTimer = -1;
  private long sampleTimer = -1;
  private Future<List<EngineStats>> baseline;
  private long failures;
  private long sendLagSum, sendLagMax, sendLagCount;
  private String firstFailure;

  private LiveRun(LiveStack stack, Workload workload, double rateScale, int limit, ReplayConfig config,
                  LiveOptions options) {
    if (!(rateScale > 0)) throw new IllegalArgumentException("rate scale must be > 0, was " + rateScale);
    this.stack = stack;
    this.ctx = stack.vertx.getOrCreateContext();
    this.workload = workload;
    this.rateScale = rateScale;
    this.limit = Math.min(limit, workload.size());
    this.config = config;
    this.options = options;
    this.metrics = new Measurements(config.replicas(), config.timelineBuckets(), config.slo());
    this.warmup = (long) Math.floor(this.limit * config.warmupFraction());
  }

  /** Runs {@code limit} requests in real time and blocks the calling thread (never an event loop) until done. */
  public static LiveResult run(LiveStack stack, Workload workload, double rateScale, int limit, ReplayConfig config,
                              LiveOptions options) {
    LiveRun run = new LiveRun(stack, workload, rateScale, limit, config, options);
    run.ctx.runOnContext(v -> run.start());
    try {
      // The run ends itself at its deadline; the slack covers the final engine-stats reads.
      return run.result.future().toCompletionStage().toCompletableFuture()
          .get(options.timeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a live run", e);
    } catch (Exception e) {
      throw new IllegalStateException("live run failed: " + e.getMessage(), e);
    }
  }

  private void start() {
    client = stack.vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setPipelining(false),
        new PoolOptions().setHttp1MaxSize(options.maxConnections()).setMaxWaitQueueSize(-1));
    deadlineTimer = stack.vertx.setTimer(Math.max(1, options.timeout().toMillis()), id -> expire());
    warmUp(WARMUP_ROUNDS * stack.replicas()).onComplete(ar -> {
      if (ending) return;
      origin = System.nanoTime();
      stream = workload.open(config.seed(), rateScale, limit);
      scheduleNext();
    });
  }

  /**
   * Sends {@code n} tiny requests one after another before the clock starts, so that the first measured requests
   * do not pay for class loading, first-call JIT and new connections in every component. A multiple of the replica
   * count, so a round-robin cursor ends where it began. Their 16-token prompts share nothing with the workload.
   */
  private Future<Void> warmUp(int n) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      TraceRequest r = new TraceRequest(0, 0, PromptRecipe.of(WARMUP_SEED - i, 16), 2, 0);
      LiveRequest w = new LiveRequest(r, false, 0);
      chain = chain.compose(v -> client.request(post().setPort(stack.gateway.port()))
          .compose(req -> req.send(w.body))
          .compose(HttpClientResponse::body)
          .<Void>mapEmpty()
          .recover(e -> Future.succeededFuture()));
    }
    return chain;
  }

  private static RequestOptions post() {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost(LiveStack.HOST).setURI("/v1/completions")
        .putHeader("content-type", "application/json");
  }

  private long now() { return System.nanoTime() - origin; }

  /** Sends every request that is due, then waits for the next one's time with its body already built. */
  private void scheduleNext() {
    while (!ending) {
      TraceRequest r = stream.next();
      if (r == null) {
        arrivalsDone = true;
        stream.close();
        maybeEnd();
        return;
      }
      // A trace whose timestamps go backwards is replayed in file order, as in virtual time.
      lastArrival = Math.max(lastArrival, r.arrivalNanos());
      LiveRequest next = new LiveRequest(r, r.id() >= warmup, lastArrival);
      long delay = lastArrival - now();
      if (delay > 0) {
        // Take a connection from the pool now, as the body was built now: at its time the request is only written.
        Future<HttpClientRequest> lease = delay <= MAX_LEASE_AHEAD_NANOS ? lease() : null;
        stack.vertx.timer(delay, TimeUnit.NANOSECONDS).onSuccess(v -> {
          if (ending) {
            if (lease != null) lease.onSuccess(HttpClientRequest::reset);
            return;
          }
          send(next, lease != null ? lease : lease());
          scheduleNext();
        });
        return;
      }
      send(next, lease());
    }
  }

  private Future<HttpClientRequest> lease() {
    return client.request(post().setPort(stack.gateway.port()));
  }

  /** Writes {@code f} on {@code lease}; its TTFT runs from now, a wait for the lease included. */
  private void send(LiveRequest f, Future<HttpClientRequest> lease) {
    f.sentNanos = now();
    if (f.measured) {
      long lag = Math.max(0, f.sentNanos - f.dueNanos);
      sendLagSum += lag;
      sendLagMax = Math.max(sendLagMax, lag);
      sendLagCount++;
    }
    if (f.measured && !metrics.measuring()) {
      metrics.startMeasuring(f.sentNanos);
      baseline = engineStats();
      long every = config.scrapeIntervalNanos() > 0 ? config.scrapeIntervalNanos() : DEFAULT_SAMPLE_NANOS;
      sampleTimer = stack.vertx.setPeriodic(Math.max(1, every / 1_000_000), id -> sampleWaiting());
    }
    inFlight.put(f.trace.id(), f);
    lease.compose(req -> {
          f.http = req;
          return req.send(f.body);
        })
        .onComplete(ar -> {
          if (ar.succeeded()) respond(f, ar.result());
          else fail(f, String.valueOf(ar.cause()));
        });
  }

  private void respond(LiveRequest f, HttpClientResponse resp) {
    f.replica = stack.replicaOf(resp.getHeader("x-switchboard-endpoint"));
    if (f.replica >= 0) metrics.routed(f.replica, f.sentNanos, f.measured, f.expectedTokens());
    if (resp.statusCode() != 200) {
      resp.body().onComplete(b -> fail(f, "HTTP " + resp.statusCode() + ": " + (b.succeeded() ? b.result() : b.cause())));
      return;
    }
    SseEvents events = new SseEvents(data -> {
      long gap = f.onData(data, now());
      if (gap >= 0 && f.measured) metrics.interTokenGap(gap);
    });
    resp.handler(events::feed);
    resp.exceptionHandler(e -> fail(f, String.valueOf(e)));
    resp.endHandler(v -> end(f));
  }

  private void end(LiveRequest f) {
    if (inFlight.remove(f.trace.id()) == null) return;
    if (!f.succeeded()) {
      countFailure(f, f.error != null ? f.error : f.done ? "no output token" : "stream ended without [DONE]");
    } else if (f.measured) {
      metrics.finished(f.sentNanos, f.firstTokenNanos, f.lastTokenNanos, f.outputTokens(), now());
    }
    maybeEnd();
  }

  private void fail(LiveRequest f, String why) {
    if (inFlight.remove(f.trace.id()) == null) return;
    countFailure(f, why);
    maybeEnd();
  }

  private void countFailure(LiveRequest f, String why) {
    if (f.measured) metrics.error();
    if (failures++ == 0) firstFailure = "request " + f.trace.id() + ": " + why;
  }

  private void maybeEnd() {
    if (arrivalsDone && inFlight.isEmpty() && !ending) end();
  }

  /** The deadline: reset what is in flight, drop what was never sent; all of it measured counts as errors. */
  private void expire() {
    deadlineTimer = -1;
    if (ending) return;
    List<LiveRequest> open = new ArrayList<>(inFlight.values());
    inFlight.clear();
    for (LiveRequest f : open) {
      countFailure(f, "still in flight at the " + options.timeout() + " deadline");
      if (f.http != null) f.http.reset();
    }
    if (!arrivalsDone) {
      long unsent = 0;
      if (stream == null) {
        unsent = limit - warmup; // still warming up: nothing was sent
      } else {
        for (TraceRequest r; (r = stream.next()) != null; ) if (r.id() >= warmup) unsent++;
        stream.close();
      }
      arrivalsDone = true;
      metrics.errors(unsent);
      if (unsent > 0) log.warn("live run hit its {} deadline with {} measured requests unsent", options.timeout(), unsent);
    }
    end();
  }

  private void end() {
    ending = true;
    if (deadlineTimer >= 0) stack.vertx.cancelTimer(deadlineTimer);
    if (sampleTimer >= 0) stack.vertx.cancelTimer(sampleTimer);
    if (failures > 0) log.warn("live run: {} requests failed; first: {}", failures, firstFailure);
    Future<List<EngineStats>> base = baseline != null ? baseline : Future.succeededFuture(null);
    onContext(Future.all(base, engineStats()), ar -> {
      client.close();
      if (ar.failed()) {
        result.fail(ar.cause());
        return;
      }
      List<EngineStats> before = ar.result().resultAt(0), after = ar.result().resultAt(1);
      long hits = 0, queries = 0, preemptions = 0;
      for (int i = 0; before != null && i < after.size(); i++) {
        hits += after.get(i).prefixCacheHitTokens() - before.get(i).prefixCacheHitTokens();
        queries += after.get(i).prefixCacheQueryTokens() - before.get(i).prefixCacheQueryTokens();
        preemptions += after.get(i).preemptions() - before.get(i).preemptions();
      }
      result.complete(new LiveResult(metrics.result(hits, queries, preemptions),
          sendLagCount == 0 ? 0 : sendLagSum / 1e6 / sendLagCount, sendLagMax / 1e6));
    });
  }

  private void sampleWaiting() {
    if (ending) return;
    onContext(engineStats(), ar -> {
      if (ar.succeeded() && !ending) for (EngineStats s : ar.result()) metrics.waiting(s.waiting());
    });
  }

  /** Every replica's engine counters, read on each replica's own loop. */
  private Future<List<EngineStats>> engineStats() {
    List<Future<EngineStats>> all = new ArrayList<>();
    for (SimServer s : stack.sims.servers()) all.add(s.engineStats());
    return Future.all(all).map(c -> c.<EngineStats>list());
  }

  /** Runs {@code handler} on the client's loop, whichever loop completed {@code f}. */
  private <T> void onContext(Future<T> f, Handler<AsyncResult<T>> handler) {
    f.onComplete(ar -> ctx.runOnContext(v -> handler.handle(ar)));
  }
}
