package io.switchboard.bench.replay;

import io.switchboard.bench.replay.internal.EventLoop;
import io.switchboard.bench.workload.Workload;
import io.switchboard.core.Strategies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The capacity of a replica set on a workload, as {@code --load} is relative to: the highest arrival rate at
 * which round-robin still meets the SLO for at least {@value #TARGET_PERCENT}% of requests, on a slice of the
 * workload (its first {@code slice} requests, seed 1; by default as many as each run has).
 *
 * <p>Method: run the slice at rate scale 1 (the workload's own rate); double the scale while attainment holds
 * (or halve it until it does) to bracket the capacity, then bisect the bracket geometrically
 * {@value #BISECTIONS} times and keep the highest scale that held. Attainment falls with rate (more load,
 * longer queues), so the bracket contains the crossing; the result is within 2^(1/2^6) ~ 1.1% of it.
 *
 * <p>A slice that arrives faster than its requests take to finish never reaches a steady state, and any
 * rate then looks sustainable. So the scale is capped where the slice's arrivals span
 * {@value #STEADY_LIFETIMES} unloaded request lifetimes (mean unloaded E2E); a capacity at that cap is
 * reported as {@link #limitedByLength()}: give the runs more requests.
 *
 * @param rateScale         the arrival-rate scale at capacity
 * @param requestsPerSecond {@code rateScale x} the workload's nominal rate
 * @param slice             requests per probe
 * @param maxScale          the steady-state cap on the scale
 * @param probes            every probe run, in order
 */
public record Capacity(double rateScale, double requestsPerSecond, int slice, double maxScale, List<Probe> probes) {
  public static final int TARGET_PERCENT = 90;
  public static final int STEADY_LIFETIMES = 10;
  static final int BISECTIONS = 6;
  private static final int MAX_DOUBLINGS = 16;

  /** One probe: the SLO attainment round-robin reached at a rate scale. */
  public record Probe(double rateScale, double sloAttainment) {}

  /** Whether a crossing was found; false when attainment held (or failed) at every scale tried. */
  public boolean bracketed() {
    boolean above = false, below = false;
    for (Probe p : probes) {
      if (p.sloAttainment >= TARGET_PERCENT / 100.0) above = true;
      else below = true;
    }
    return above && below;
  }

  /** Whether the capacity is the steady-state cap rather than a measured crossing. */
  public boolean limitedByLength() { return rateScale >= maxScale; }

  /**
   * Measures capacity; {@code unloaded} sets the steady-state cap (see the class comment).
   */
  public static Capacity measure(Workload workload, ReplayConfig config, EngineFactory factory, int slice,
                                 Unloaded unloaded) {
    int n = Math.min(slice, workload.size());
    double maxScale = n / (STEADY_LIFETIMES * Math.max(1e-9, unloaded.e2eNanos() / 1e9) * workload.nominalRate());
    ReplayConfig rr = config.withPolicy(Strategies.ROUND_ROBIN).withSeed(1);
    List<Probe> probes = new ArrayList<>();
    double target = TARGET_PERCENT / 100.0;
    DoublePredicate holds = scale -> {
      double a = new EventLoop(workload, scale, n, rr, factory).run().sloAttainment();
      probes.add(new Probe(scale, a));
      return a >= target;
    };
    double lo, hi;
    double start = Math.min(1, maxScale);
    if (holds.test(start)) {
      lo = start;
      hi = Math.min(2 * start, maxScale);
      for (int i = 0; i < MAX_DOUBLINGS && lo < maxScale && holds.test(hi); i++) {
        lo = hi;
        hi = Math.min(2 * hi, maxScale);
      }
      if (lo >= maxScale) return new Capacity(lo, lo * workload.nominalRate(), n, maxScale, List.copyOf(probes));
    } else {
      hi = start;
      lo = start / 2;
      for (int i = 0; i < MAX_DOUBLINGS && !holds.test(lo); i++) {
        hi = lo;
        lo /= 2;
      }
    }
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = Math.sqrt(lo * hi);
      if (holds.test(mid)) lo = mid;
      else hi = mid;
    }
    return new Capacity(lo, lo * workload.nominalRate(), n, maxScale, List.copyOf(probes));
  }
}
