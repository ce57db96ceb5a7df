package io.switchboard.bench.replay;

import io.switchboard.sim.Engine;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tiny engine for tests: continuous batching of at most {@code maxSeqs} requests; a step takes
 * {@code stepNanos + decodeNanos x running + prefillNanosPerToken x uncached prompt tokens admitted}; admitted
 * requests emit their first token at the end of their first step, running ones one token per step. Full
 * 16-token prompt blocks are remembered forever (an unbounded prefix cache), so prefix sharing shows in the
 * hit counters. Not the calibrated model: it only has to be simple enough to compute by hand.
 */
public final class ToyEngine implements Engine {
  private final long stepNanos, decodeNanos, prefillNanosPerToken;
  private final int maxSeqs;
  private final ArrayDeque<Req> waiting = new ArrayDeque<>();
  private final List<Req> running = new ArrayList<>();
  private final Set<Long> cached = new HashSet<>();
  private long stepEnd = Long.MAX_VALUE;
  private long hits, queries, finished;

  private static final class Req {
    final SimRequest r;
    int emitted;
    boolean started;

    Req(SimRequest r) { this.r = r; }
  }

  public ToyEngine(long stepNanos, long decodeNanos, long prefillNanosPerToken, int maxSeqs) {
    this.stepNanos = stepNanos;
    this.decodeNanos = decodeNanos;
    this.prefillNanosPerToken = prefillNanosPerToken;
    this.maxSeqs = maxSeqs;
  }

  /** 1 ms steps + 0.1 ms per running request, 10 us per uncached prompt token, 64 at once. */
  public static EngineFactory factory() { return factory(1_000_000, 100_000, 10_000, 64); }

  public static EngineFactory factory(long step, long decode, long prefillPerToken, int maxSeqs) {
    return new EngineFactory() {
      @Override public Engine create() { return new ToyEngine(step, decode, prefillPerToken, maxSeqs); }

      @Override public long kvCapacityTokens() { return 1 << 20; }

      @Override public String name() { return "toy"; }
    };
  }

  @Override
  public void submit(SimRequest request, long nowNanos) {
    waiting.add(new Req(request));
    if (stepEnd == Long.MAX_VALUE) startStep(nowNanos);
  }

  @Override
  public boolean cancel(long requestId, long nowNanos) { return false; }

  @Override
  public long nextEventNanos() { return stepEnd; }

  @Override
  public void advanceTo(long nowNanos) {
    while (stepEnd <= nowNanos) {
      long end = stepEnd;
      List<Req> done = new ArrayList<>();
      for (Req q : running) {
        q.started = true;
        q.emitted++;
        q.r.listener().onTokens(q.r.id(), 1, end);
        if (q.emitted == q.r.outputTokens()) done.add(q);
      }
      for (Req q : done) {
        running.remove(q);
        finished++;
        q.r.listener().onFinished(q.r.id(), new TokenListener.Completion(q.r.promptTokens().length, 0,
            q.emitted, false, 0, 0), end);
      }
      stepEnd = Long.MAX_VALUE;
      if (!running.isEmpty() || !waiting.isEmpty()) startStep(end);
    }
  }

  private void startStep(long now) {
    long prefill = 0;
    while (running.size() < maxSeqs && !waiting.isEmpty()) {
      Req q = waiting.poll();
      int[] t = q.r.promptTokens();
      long h = 17;
      int hit = 0;
      boolean matching = true;
      for (int b = 0; b + 16 <= t.length; b += 16) {
        for (int i = b; i < b + 16; i++) h = h * 31 + t[i];
        if (matching && cached.contains(h)) hit += 16;
        else matching = false;
        cached.add(h);
      }
      hit = Math.min(hit, t.length - 1);
      hits += hit;
      queries += t.length;
      prefill += t.length - hit;
      running.add(q);
    }
    stepEnd = now + stepNanos + decodeNanos * running.size() + prefillNanosPerToken * prefill;
  }

  @Override
  public EngineStats stats() {
    return new EngineStats(running.size(), waiting.size(), running.size() / (double) maxSeqs, hits, queries, 0, finished);
  }
}
