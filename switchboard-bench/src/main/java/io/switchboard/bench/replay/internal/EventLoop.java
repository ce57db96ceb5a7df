package io.switchboard.bench.replay.internal;

import io.switchboard.bench.replay.EngineFactory;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EndpointState;
import io.switchboard.core.EngineSnapshot;
import io.switchboard.core.GroupRouter;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.Strategies;
import io.switchboard.core.TokenEstimator;
import io.switchboard.core.prefix.BlockHashes;
import io.switchboard.core.pipeline.Signals;
import io.switchboard.core.prefix.PrefixIndexes;
import io.switchboard.sim.Engine;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One virtual-time replay: a discrete-event simulation of a workload, the routing core and N engines in one
 * thread.
 *
 * <p>Events sit in one priority queue ordered by (time, sequence number), so events at equal times run in
 * the order they were scheduled and a seed fixes the whole run. Three kinds exist: the next arrival (only
 * one is pending at a time, so the workload streams), an engine's next step end (at most one live event per
 * engine; a rescheduled engine's older event is recognised as stale and skipped), and the periodic metrics
 * scrape.
 *
 * <p>The router sees what the gateway would: its own accounting ({@code tryAcquire} at dispatch,
 * {@code tokensServed} as tokens stream back, {@code release} at the end) is exact and immediate, while
 * engine state ({@link EngineSnapshot}) is only as fresh as the last scrape. With a scrape interval of 0 every
 * decision sees a fresh scrape. The request's declared output ({@code maxOutputTokens}) is its true output
 * length, as for a client that sets {@code max_tokens} and an engine that ignores EOS.
 *
 * <p>Memory stays flat as a trace grows: a prompt's tokens exist only from its arrival until its engine lets
 * go of them, and metrics live in fixed-size histograms.
 */
public final class EventLoop implements TokenListener {
  private static final int ARRIVAL = 0, ENGINE = 1, SCRAPE = 2;
  private static final String MODEL = "sim";

  private record Event(long at, long seq, int kind, int replica) {}

  private final Workload workload;
  private final double rateScale;
  private final int limit;
  private final ReplayConfig config;
  private final Engine[] engines;
  private final EndpointState[] endpoints;
  private final IdentityHashMap<EndpointState, Integer> indexOf = new IdentityHashMap<>();
  private final GroupRouter router;
  private final long[] scheduledAt;
  private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> {
    int c = Long.compare(a.at, b.at);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private final HashMap<Long, InFlight> inFlight = new HashMap<>();
  /** What a gateway learns of answer lengths, when the router is not told each request's own. */
  private final TokenEstimator outputs = TokenEstimator.defaults();
  private final Measurements metrics;
  private final long warmup;
  private final long receiptEvery;
  private int receiptsTaken;
  private long seq;
  private TraceRequest pendingArrival;
  private long lastArrival;
  private EngineStats[] baseline;

  public EventLoop(Workload workload, double rateScale, int limit, ReplayConfig config, EngineFactory factory) {
    if (!(rateScale > 0)) throw new IllegalArgumentException("rate scale must be > 0, was " + rateScale);
    this.workload = workload;
    this.rateScale = rateScale;
    this.limit = Math.min(limit, workload.size());
    this.config = config;
    int n = config.replicas();
    engines = new Engine[n];
    endpoints = new EndpointState[n];
    List<EndpointState> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      engines[i] = factory.create();
      endpoints[i] = new EndpointState("replica-" + i, EndpointLimits.DEFAULT);
      indexOf.put(endpoints[i], i);
      members.add(endpoints[i]);
    }
    var random = new SplittableRandom(config.seed() ^ 0x526F757465L);
    var prefixes = PrefixIndexes.uniform(config.prefixBlockSize(), factory.kvCapacityTokens());
    router = new GroupRouter(MODEL, members, Strategies.create(config.policy(), random, new Signals(prefixes)), new AdmissionQueue(0));
    scheduledAt = new long[n];
    Arrays.fill(scheduledAt, Long.MAX_VALUE);
    metrics = new Measurements(n, config.timelineBuckets(), config.slo());
    warmup = (long) Math.floor(this.limit * config.warmupFraction());
    receiptEvery = config.receipts() == 0 ? 0 : Math.max(1, (this.limit - warmup) / config.receipts());
  }

  public RunResult run() {
    try (RequestStream stream = workload.open(config.seed(), rateScale, limit)) {
      scheduleArrival(stream);
      if (config.scrapeIntervalNanos() > 0) schedule(0, SCRAPE, -1);
      for (Event e; (e = events.poll()) != null; ) {
        switch (e.kind) {
          case ARRIVAL -> {
            arrive(pendingArrival, e.at);
            scheduleArrival(stream);
          }
          case ENGINE -> {
            if (scheduledAt[e.replica] != e.at) continue; // superseded by a later reschedule
            scheduledAt[e.replica] = Long.MAX_VALUE;
            advance(e.replica, e.at);
          }
          case SCRAPE -> {
            scrapeAll(e.at);
            if (pendingArrival != null || !inFlight.isEmpty()) schedule(e.at + config.scrapeIntervalNanos(), SCRAPE, -1);
          }
          default -> throw new IllegalStateException("unknown event " + e);
        }
      }
    }
    metrics.errors(inFlight.size()); // an engine that never finished a request is a defect worth seeing, not hiding
    return result();
  }

  private void scheduleArrival(RequestStream stream) {
    pendingArrival = stream.next();
    if (pendingArrival == null) return;
    // A trace whose timestamps go backwards is replayed in file order.
    lastArrival = Math.max(lastArrival, pendingArrival.arrivalNanos());
    schedule(lastArrival, ARRIVAL, -1);
  }

  private void arrive(TraceRequest r, long now) {
    boolean measured = r.id() >= warmup;
    if (measured && !metrics.measuring()) {
      metrics.startMeasuring(now);
      baseline = new EngineStats[engines.length];
      for (int i = 0; i < engines.length; i++) {
        engines[i].advanceTo(now);
        baseline[i] = engines[i].stats();
      }
    }
    if (metrics.measuring()) metrics.arrivedWhileMeasuring();
    if (config.scrapeIntervalNanos() == 0) scrapeAll(now);
    int[] tokens = r.prompt().tokens();
    int expectedOutput = config.learnedOutputs() ? outputs.outputTokens(-1) : r.outputTokens();
    var request = new RouteRequest(MODEL, tokens.length, expectedOutput, r.sessionKey(), 0,
        BlockHashes.ofTokens(tokens, config.prefixBlockSize()));
    // Every receiptEvery-th measured request explains itself (explaining changes no decision, it only records it).
    boolean explain = measured && receiptEvery > 0 && receiptsTaken < config.receipts() && (r.id() - warmup) % receiptEvery == 0;
    RouteDecision decision = router.route(request, e -> true, explain);
    if (decision == null) {
      if (measured) metrics.error();
      return;
    }
    EndpointState chosen = decision.endpoint();
    int i = indexOf.get(chosen);
    metrics.routed(i, now, measured, request.expectedTokens());
    InFlight f = new InFlight(r.id(), now, i, tokens.length, expectedOutput, measured, decision);
    if (explain && decision.receipt() != null) {
      receiptsTaken++;
      f.receipt = metrics.receipt(String.format(Locale.ROOT, "request=%d at_ms=%.3f prompt=%d output=%d %s",
          r.id(), now / 1e6, tokens.length, r.outputTokens(), decision.receipt().full()));
    }
    inFlight.put(r.id(), f);
    engines[i].advanceTo(now);
    int[] answer = r.answer() == null ? null : r.answer().tokens();
    engines[i].submit(new SimRequest(r.id(), tokens, r.outputTokens(), this, answer), now);
    reschedule(i);
  }

  private void advance(int i, long now) {
    engines[i].advanceTo(now);
    reschedule(i);
  }

  private void reschedule(int i) {
    long next = engines[i].nextEventNanos();
    if (next != Long.MAX_VALUE && next != scheduledAt[i]) {
      scheduledAt[i] = next;
      schedule(next, ENGINE, i);
    }
  }

  private void scrapeAll(long now) {
    for (int i = 0; i < engines.length; i++) {
      engines[i].advanceTo(now);
      reschedule(i);
      EngineStats s = engines[i].stats();
      if (metrics.measuring()) metrics.waiting(s.waiting());
      endpoints[i].updateEngine(new EngineSnapshot(s.running(), s.waiting(), s.kvCacheUsage(), now,
          endpoints[i].dispatched(), endpoints[i].outstanding()));
    }
  }

  private void schedule(long at, int kind, int replica) { events.add(new Event(at, seq++, kind, replica)); }

  @Override
  public void onTokens(long requestId, int count, long atNanos) {
    InFlight f = inFlight.get(requestId);
    if (f == null || count <= 0) return;
    EndpointState e = endpoints[f.replica];
    long served;
    if (f.firstTokenNanos < 0) {
      f.firstTokenNanos = atNanos;
      // What a gateway observes: its send time and the first streamed token.
      f.decision.firstToken(atNanos - f.arrivalNanos);
      if (f.measured) metrics.predictionError(f.decision.predictedTtftNanos(), atNanos - f.arrivalNanos);
      if (f.receipt >= 0) metrics.amendReceipt(f.receipt, String.format(Locale.ROOT, " ttft_ms=%.2f", (atNanos - f.arrivalNanos) / 1e6));
      served = f.promptTokens + (long) count; // the prompt is prefilled once the first token is out
    } else {
      if (f.measured) metrics.interTokenGap(atNanos - f.lastTokenNanos);
      served = count;
    }
    served = Math.min(served, f.expectedTokens() - f.served);
    e.tokensServed(served);
    f.served += served;
    f.lastTokenNanos = atNanos;
    f.tokens += count;
  }

  @Override
  public void onFinished(long requestId, Completion completion, long atNanos) {
    InFlight f = inFlight.remove(requestId);
    if (f == null) return;
    if (metrics.measuring()) metrics.completed();
    if (config.learnedOutputs() && !completion.cancelled()) outputs.observe(0, -1, f.tokens, -1);
    endpoints[f.replica].release(f.expectedTokens() - f.served);
    f.decision.finished(f.tokens, Math.max(atNanos, f.lastTokenNanos) - f.arrivalNanos,
        !completion.cancelled() && f.firstTokenNanos >= 0);
    if (!f.measured) return;
    if (completion.cancelled() || f.firstTokenNanos < 0) {
      metrics.error();
      return;
    }
    metrics.finished(f.arrivalNanos, f.firstTokenNanos, f.lastTokenNanos, f.tokens, atNanos);
    if (f.tokens > 1) {
      double tpot = (double) (f.lastTokenNanos - f.firstTokenNanos) / (f.tokens - 1);
      metrics.tpotPredictionError(f.decision.predictedTpotNanos(), tpot);
      if (f.receipt >= 0) metrics.amendReceipt(f.receipt, String.format(Locale.ROOT, " tpot_ms=%.2f tpot_pred_ms=%.2f",
          tpot / 1e6, f.decision.predictedTpotNanos() / 1e6));
    }
  }

  private RunResult result() {
    long hits = 0, queries = 0, preemptions = 0;
    for (int i = 0; i < engines.length; i++) {
      EngineStats s = engines[i].stats();
      EngineStats b = baseline == null ? s : baseline[i];
      hits += s.prefixCacheHitTokens() - b.prefixCacheHitTokens();
      queries += s.prefixCacheQueryTokens() - b.prefixCacheQueryTokens();
      preemptions += s.preemptions() - b.preemptions();
    }
    return metrics.result(hits, queries, preemptions);
  }
}
