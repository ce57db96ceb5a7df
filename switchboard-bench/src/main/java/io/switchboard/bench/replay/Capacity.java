package io.switchboard.bench.replay;

import io.switchboard.bench.workload.Workload;
import io.switchboard.core.Strategies;
import java.util.ArrayList;
import java.util.List;

/**
 * The capacity of a replica set on a workload, as {@code --load} is relative to: the highest arrival rate at
 * which round-robin still meets the SLO for at least {@value #TARGET_PERCENT}% of requests, on a slice of the
 * workload (its first {@code slice} requests, seed 1).
 *
 * <p>Method: run the slice at rate scale 1 (the workload's own rate); double the scale while attainment holds
 * (or halve it until it does) to bracket the capacity, then bisect the bracket geometrically
 * {@value #BISECTIONS} times and keep the highest scale that held. Attainment falls with rate (more load,
 * longer queues), so the bracket contains the crossing; the result is within 2^(1/2^6) ~ 1.1% of it.
 *
 * @param rateScale         the arrival-rate scale at capacity
 * @param requestsPerSecond {@code rateScale x} the workload's nominal rate
 * @param slice             requests per probe
 * @param probes            every probe run, in order
 */
public record Capacity(double rateScale, double requestsPerSecond, int slice, List<Probe> probes) {
  public static final int TARGET_PERCENT = 90;
  static final int BISECTIONS = 6;
  private static final int MAX_DOUBLINGS = 16;

  /** Whether a crossing was found; false when attainment held (or failed) at every scale tried. */
  public boolean bracketed() {
    boolean above = false, below = false;
    for (Probe p : probes) {
      if (p.sloAttainment >= TARGET_PERCENT / 100.0) above = true;
      else below = true;
    }
    return above && below;
  }

  /** One probe: the SLO attainment round-robin reached at a rate scale. */
  public record Probe(double rateScale, double sloAttainment) {}

  public static Capacity measure(Workload workload, ReplayConfig config, EngineFactory factory, int slice) {
    ReplayConfig rr = config.withPolicy(Strategies.ROUND_ROBIN).withSeed(1);
    List<Probe> probes = new ArrayList<>();
    double target = TARGET_PERCENT / 100.0;
    java.util.function.DoubleUnaryOperator attainment = scale -> {
      double a = new io.switchboard.bench.replay.internal.EventLoop(workload, scale, slice, rr, factory).run().sloAttainment();
      probes.add(new Probe(scale, a));
      return a;
    };
    double lo, hi;
    if (attainment.applyAsDouble(1) >= target) {
      lo = 1;
      hi = 2;
      for (int i = 0; i < MAX_DOUBLINGS && attainment.applyAsDouble(hi) >= target; i++) {
        lo = hi;
        hi *= 2;
      }
    } else {
      hi = 1;
      lo = 0.5;
      for (int i = 0; i < MAX_DOUBLINGS && attainment.applyAsDouble(lo) < target; i++) {
        hi = lo;
        lo /= 2;
      }
    }
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = Math.sqrt(lo * hi);
      if (attainment.applyAsDouble(mid) >= target) lo = mid;
      else hi = mid;
    }
    return new Capacity(lo, lo * workload.nominalRate(), slice, List.copyOf(probes));
  }
}
