package io.switchboard.bench.replay;

import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import io.switchboard.sim.Engine;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;

/**
 * A workload's unloaded latencies: the mean TTFT, TPOT and E2E of its first {@code sample} requests, each run alone
 * on a fresh, idle replica (so with a cold prefix cache). The SLO is then a multiple of these:
 * {@code TTFT <= 5 x unloaded TTFT and TPOT <= 5 x unloaded TPOT} by default.
 */
public record Unloaded(double ttftNanos, double tpotNanos, double e2eNanos, int sample) {
  public static final double DEFAULT_FACTOR = 5;
  public static final int DEFAULT_SAMPLE = 50;

  public static Unloaded measure(Workload workload, EngineFactory factory, int sample) {
    double ttftSum = 0, tpotSum = 0, e2eSum = 0;
    int n = 0, withTpot = 0;
    try (RequestStream stream = workload.open(1, 1, sample)) {
      for (TraceRequest r; (r = stream.next()) != null; ) {
        Probe p = new Probe();
        Engine engine = factory.create();
        engine.submit(new SimRequest(r.id(), r.prompt().tokens(), r.outputTokens(), p), 0);
        while (!p.done) {
          long next = engine.nextEventNanos();
          if (next == Long.MAX_VALUE) throw new IllegalStateException("engine went idle before finishing request " + r.id());
          engine.advanceTo(next);
        }
        ttftSum += p.first;
        e2eSum += p.last;
        n++;
        if (p.tokens > 1) {
          tpotSum += (double) (p.last - p.first) / (p.tokens - 1);
          withTpot++;
        }
      }
    }
    if (n == 0) throw new IllegalArgumentException("workload " + workload.spec() + " has no requests");
    return new Unloaded(ttftSum / n, withTpot == 0 ? ttftSum / n : tpotSum / withTpot, e2eSum / n, n);
  }

  /** {@code factor x} these latencies as an SLO. */
  public Slo slo(double factor) {
    return new Slo(Math.max(1, Math.round(ttftNanos * factor)), Math.max(1, Math.round(tpotNanos * factor)));
  }

  private static final class Probe implements TokenListener {
    long first = -1, last;
    int tokens;
    boolean done;

    @Override
    public void onTokens(long requestId, int count, long atNanos) {
      if (first < 0) first = atNanos;
      last = atNanos;
      tokens += count;
    }

    @Override
    public void onFinished(long requestId, Completion completion, long atNanos) { done = true; }
  }
}
