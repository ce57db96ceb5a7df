package io.switchboard.bench.replay;

import io.switchboard.bench.replay.internal.EventLoop;
import io.switchboard.bench.workload.Workload;
import io.switchboard.core.Strategies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The capacity of a replica set on a workload, as {@code --load} is relative to, measured under round-robin on a
 * slice of the workload (its first {@code slice} requests, seed 1; by default as many as each run has). Two
 * definitions ({@link Mode}):
 * <ul>
 *   <li>{@link Mode#THROUGHPUT} (the default): the maximum sustainable throughput, the usual meaning of capacity in
 *       serving benchmarks. The highest arrival rate at which round-robin's completions keep up with arrivals:
 *       over the second half of the measured arrival window (middle to last measured arrival; the first half
 *       lets the backlog settle after the warm-up) completions are at least
 *       {@value #KEPT_UP_PERCENT}% of arrivals ({@link RunResult#keptUp}). Below capacity the backlog only
 *       fluctuates, so the ratio is ~1; above it the backlog grows without bound and the ratio is about service
 *       rate / arrival rate, so the crossing sits within ~{@value #KEPT_UP_SLACK_PERCENT}% above the rate at which
 *       queues start to diverge. Latency at this point is far past any SLO: that is what load 1.0 means.</li>
 *   <li>{@link Mode#SLO}: the highest arrival rate at which round-robin still meets the SLO for at least
 *       {@value #TARGET_PERCENT}% of requests. A stricter, latency-bound "capacity": at 0.9 of it round-robin
 *       already meets its SLO ~99% of the time, so no policy can show more goodput there.</li>
 * </ul>
 *
 * <p>Method (both): run the slice at rate scale 1 (the workload's own rate); double the scale while the criterion
 * holds (or halve it until it does) to bracket the capacity, then bisect the bracket geometrically
 * {@value #BISECTIONS} times and keep the highest scale that held. Both criteria fail monotonically as rate grows
 * (up to noise), so the bracket contains the crossing; the result is within 2^(1/2^6) ~ 1.1% of it. Every probe
 * is a seeded virtual-time run, so the result is deterministic.
 *
 * <p>A slice that arrives faster than its requests take to finish never reaches a steady state, and any
 * rate then looks sustainable. So the scale is capped where the slice's arrivals span
 * {@value #STEADY_LIFETIMES} unloaded request lifetimes (mean unloaded E2E); a capacity at that cap is
 * reported as {@link #limitedByLength()}: give the runs more requests.
 *
 * <p>The search never goes below a floor, {@value #FLOOR_PERCENT_OF_SERIAL}% of the serial rate (replicas / mean
 * unloaded E2E: the rate at which replicas serving one request at a time, each at its unloaded latency, keep up;
 * batching only raises what a replica sustains, so round-robin's throughput capacity is above the serial rate
 * up to the noise of the unloaded sample, e.g. 1.8x on Mooncake, 13x on shared-prefix). A criterion that fails
 * even there is noise or an SLO no policy meets, not a capacity: the capacity is then the floor, reported as
 * {@link #limitedByFloor()} (a warning says why), never an absurd rate found by halving on.
 *
 * <p>{@link #search} (what {@code replay --load} uses) measures on enough requests to be meaningful whatever
 * {@code --requests} is: at least {@value #MIN_SLICE} (fewer only if the workload has fewer), doubled (up to
 * {@value #MAX_SLICE}) while the result is {@link #limitedByLength()}. With a few dozen requests the keep-up test
 * is a handful of arrivals, where one request still in flight at the last arrival is 4% short of keeping up at
 * any rate, so every probe failed and halving went on to 0.005 req/s.
 *
 * @param mode              the definition
 * @param rateScale         the arrival-rate scale at capacity
 * @param requestsPerSecond {@code rateScale x} the workload's nominal rate
 * @param slice             requests per probe
 * @param maxScale          the steady-state cap on the scale
 * @param floorScale        the floor on the scale (see the class comment)
 * @param probes            every probe run, in order
 */
public record Capacity(Mode mode, double rateScale, double requestsPerSecond, int slice, double maxScale,
                       double floorScale, List<Probe> probes) {
  public static final int TARGET_PERCENT = 90;
  public static final int KEPT_UP_PERCENT = 97;
  static final int KEPT_UP_SLACK_PERCENT = 100 - KEPT_UP_PERCENT;
  public static final int STEADY_LIFETIMES = 10;
  static final int BISECTIONS = 6;
  private static final int MAX_DOUBLINGS = 16;
  /** The floor on the capacity, as a percentage of the serial rate (see the class comment). */
  public static final int FLOOR_PERCENT_OF_SERIAL = 25;
  /** {@link #search} measures on at least this many requests (if the workload has them). */
  public static final int MIN_SLICE = 500;
  /** {@link #search} grows a length-limited slice up to this many requests. */
  public static final int MAX_SLICE = 16_000;

  /** What "capacity" means; see the class comment. */
  public enum Mode {
    THROUGHPUT, SLO;

    /** The command-line spelling. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Parses {@code throughput} or {@code slo}. */
    public static Mode parse(String s) {
      for (Mode m : values()) if (m.label().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) return m;
      throw new IllegalArgumentException("unknown capacity mode '" + s + "'; use throughput or slo");
    }

    /** One sentence for reports and progress lines. */
    public String definition() {
      return switch (this) {
        case THROUGHPUT -> "the highest arrival rate at which round-robin's completions keep up with arrivals (>= "
            + KEPT_UP_PERCENT + "% of arrivals completed over the second half of the measured arrivals, so queues do not grow without bound)";
        case SLO -> "the highest arrival rate at which round-robin meets the SLO for >= " + TARGET_PERCENT + "% of requests";
      };
    }

    boolean holds(Probe p) {
      return switch (this) {
        case THROUGHPUT -> p.keptUp >= KEPT_UP_PERCENT / 100.0;
        case SLO -> p.sloAttainment >= TARGET_PERCENT / 100.0;
      };
    }
  }

  /** One probe: what round-robin reached at a rate scale. */
  public record Probe(double rateScale, double sloAttainment, double keptUp) {}

  /** Whether a crossing was found; false when the criterion held (or failed) at every scale tried. */
  public boolean bracketed() {
    boolean above = false, below = false;
    for (Probe p : probes) {
      if (mode.holds(p)) above = true;
      else below = true;
    }
    return above && below;
  }

  /** Whether the capacity is the steady-state cap rather than a measured crossing. */
  public boolean limitedByLength() { return rateScale >= maxScale; }

  /**
   * Whether the criterion failed at every scale tried down to the floor, so the capacity is the floor rather than a
   * measured crossing (and not the steady-state cap, which {@link #limitedByLength()} reports).
   */
  public boolean limitedByFloor() {
    return !limitedByLength() && probes.stream().noneMatch(mode::holds);
  }

  /**
   * The floor on the scale for {@code replicas} on {@code workload}: {@value #FLOOR_PERCENT_OF_SERIAL}% of
   * replicas / mean unloaded E2E, over the workload's nominal rate.
   */
  public static double floorScale(Workload workload, int replicas, Unloaded unloaded) {
    double serialRps = replicas / Math.max(1e-9, unloaded.e2eNanos() / 1e9);
    return FLOOR_PERCENT_OF_SERIAL / 100.0 * serialRps / workload.nominalRate();
  }

  /**
   * Measures capacity by {@code mode} on enough requests to mean something: {@code slice} raised to
   * {@value #MIN_SLICE} (at most the workload's size), doubled up to {@value #MAX_SLICE} while the result is
   * {@link #limitedByLength()}. Returns the last search; its {@link #slice()} says how many requests it used.
   */
  public static Capacity search(Mode mode, Workload workload, ReplayConfig config, EngineFactory factory, int slice,
                                Unloaded unloaded) {
    int most = Math.min(workload.size(), Math.max(MAX_SLICE, slice));
    int n = Math.min(Math.max(slice, MIN_SLICE), most);
    Capacity c = measure(mode, workload, config, factory, n, unloaded);
    while (c.limitedByLength() && n < most) {
      n = (int) Math.min(2L * n, most);
      c = measure(mode, workload, config, factory, n, unloaded);
    }
    return c;
  }

  /** Measures capacity by the SLO definition (see {@link #measure(Mode, Workload, ReplayConfig, EngineFactory, int, Unloaded)}). */
  public static Capacity measure(Workload workload, ReplayConfig config, EngineFactory factory, int slice,
                                 Unloaded unloaded) {
    return measure(Mode.SLO, workload, config, factory, slice, unloaded);
  }

  /**
   * Measures capacity by {@code mode} on exactly the first {@code slice} requests (at most the workload's size);
   * {@code unloaded} sets the steady-state cap and the floor (see the class comment).
   */
  public static Capacity measure(Mode mode, Workload workload, ReplayConfig config, EngineFactory factory, int slice,
                                 Unloaded unloaded) {
    int n = Math.min(slice, workload.size());
    double maxScale = n / (STEADY_LIFETIMES * Math.max(1e-9, unloaded.e2eNanos() / 1e9) * workload.nominalRate());
    ReplayConfig rr = config.withPolicy(Strategies.ROUND_ROBIN).withSeed(1).withReceipts(0);
    List<Probe> probes = new ArrayList<>();
    DoublePredicate holds = scale -> {
      RunResult r = new EventLoop(workload, scale, n, rr, factory).run();
      Probe p = new Probe(scale, r.sloAttainment(), r.keptUp());
      probes.add(p);
      return mode.holds(p);
    };
    double start = Math.min(1, maxScale);
    double floor = Math.min(floorScale(workload, config.replicas(), unloaded), start);
    double lo, hi;
    if (holds.test(start)) {
      lo = start;
      hi = Math.min(2 * start, maxScale);
      for (int i = 0; i < MAX_DOUBLINGS && lo < maxScale && holds.test(hi); i++) {
        lo = hi;
        hi = Math.min(2 * hi, maxScale);
      }
      if (lo >= maxScale) return of(mode, lo, workload, n, maxScale, floor, probes);
    } else {
      // Halve until the criterion holds, but never below the floor: failing there is not a capacity.
      hi = start;
      lo = start;
      for (int i = 0; ; i++) {
        if (lo <= floor || i >= MAX_DOUBLINGS) return of(mode, floor, workload, n, maxScale, floor, probes);
        hi = lo;
        lo = Math.max(lo / 2, floor);
        if (holds.test(lo)) break;
      }
    }
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = Math.sqrt(lo * hi);
      if (holds.test(mid)) lo = mid;
      else hi = mid;
    }
    return of(mode, lo, workload, n, maxScale, floor, probes);
  }

  private static Capacity of(Mode mode, double scale, Workload workload, int n, double maxScale, double floor,
                             List<Probe> probes) {
    return new Capacity(mode, scale, scale * workload.nominalRate(), n, maxScale, floor, List.copyOf(probes));
  }
}
