package io.switchboard.bench.report;

import io.switchboard.bench.replay.Bounds;
import io.switchboard.bench.replay.Sweep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@link Bounds} of one load (or rate) across seeds, summarised by the median. A run's percentile is at least
 * its own floor seed by seed, so the median over seeds is at least the median of the floors (and likewise for
 * ceilings): the summary rows and these compare directly.
 */
record BoundsSummary(double load, double rateRps, List<Bounds> runs) {
  static final String METHOD = "per (load, seed), the same for every policy, from the step-time model alone:"
      + " TTFT floor = each measured request's uncached prefill alone on an idle replica + API overhead, uncached ="
      + " not in an infinite prefix cache shared by all replicas (every earlier prompt); percentiles of those floors"
      + " bound the runs' percentiles from below. Ceilings = measured requests (or output tokens) / a lower bound on"
      + " the measured window: max(latest arrival offset + that request's end-to-end floor, the measured requests'"
      + " own GPU work (linear compute, attention, KV reads, per-sequence cost) / replicas). Medians over seeds."
      + " ttft_p90_at_replay_hits_ms is an estimate, not a bound: the same prefill-alone p90 with the cache-replay"
      + " bound's hits (LRU caches of the KV capacity, 1.2x load guard) instead of the infinite cache.";

  static List<BoundsSummary> of(List<Sweep.BoundsCell> cells) {
    List<BoundsSummary> out = new ArrayList<>();
    for (Sweep.BoundsCell c : cells) {
      BoundsSummary last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.rateRps == c.rateRps()) {
        last.runs.add(c.bounds());
      } else {
        List<Bounds> runs = new ArrayList<>();
        runs.add(c.bounds());
        out.add(new BoundsSummary(c.load(), c.rateRps(), runs));
      }
    }
    return out;
  }

  int seeds() { return runs.size(); }

  double median(ToDoubleFunction<Bounds> metric) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) v[i] = metric.applyAsDouble(runs.get(i));
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
