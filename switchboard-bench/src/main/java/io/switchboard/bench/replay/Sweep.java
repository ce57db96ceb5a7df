package io.switchboard.bench.replay;

import io.switchboard.bench.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A side-by-side comparison: every policy at every load (or rate) and seed, on the same workload and replicas,
 * plus the unloaded latencies behind the SLO, the round-robin capacity, the hit-rate bound and, for calibrated
 * replicas, the physical {@link Bounds} of each (load, seed).
 *
 * @param workload      the workload
 * @param factory       the replicas
 * @param policies      {@link io.switchboard.core.Strategies} names, in report order
 * @param loads         offered loads relative to round-robin capacity; empty when {@code rates} is used
 * @param rates         absolute arrival rates in requests per second; empty when {@code loads} is used
 * @param seeds         seeds 1..seeds
 * @param requests      requests per run (fewer if a trace is shorter)
 * @param base          replicas, scrape interval, warm-up and block size (its policy, seed and SLO are replaced)
 * @param slo           explicit SLO, or null to use {@code sloFactor x} the unloaded latencies
 * @param sloFactor     multiple of unloaded TTFT and TPOT, 5 by default
 * @param capacitySlice requests per capacity probe
 * @param capacityMode  what load 1.0 means ({@link Capacity.Mode}; throughput by default)
 */
public record Sweep(Workload workload, EngineFactory factory, List<String> policies, List<Double> loads,
                   List<Double> rates, int seeds, int requests, ReplayConfig base, Slo slo, double sloFactor,
                   int capacitySlice, Capacity.Mode capacityMode) {

  /** A sweep whose loads are relative to the maximum sustainable throughput ({@link Capacity.Mode#THROUGHPUT}). */
  public Sweep(Workload workload, EngineFactory factory, List<String> policies, List<Double> loads, List<Double> rates,
               int seeds, int requests, ReplayConfig base, Slo slo, double sloFactor, int capacitySlice) {
    this(workload, factory, policies, loads, rates, seeds, requests, base, slo, sloFactor, capacitySlice,
        Capacity.Mode.THROUGHPUT);
  }

  public Sweep {
    Objects.requireNonNull(capacityMode, "capacityMode");
    Objects.requireNonNull(workload, "workload");
    policies = List.copyOf(policies);
    loads = List.copyOf(loads);
    rates = List.copyOf(rates);
    if (policies.isEmpty()) throw new IllegalArgumentException("give at least one policy");
    if (loads.isEmpty() == rates.isEmpty()) throw new IllegalArgumentException("give either loads or rates");
    if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1, was " + seeds);
    if (requests < 1) throw new IllegalArgumentException("requests must be >= 1, was " + requests);
  }

  /** One run of the sweep. {@code load} is NaN when the sweep was given absolute rates. */
  public record Cell(String policy, double load, double rateRps, long seed, RunResult run) {}

  /** The physical bounds of one (load or rate, seed): the same for every policy. {@code load} as in {@link Cell}. */
  public record BoundsCell(double load, double rateRps, long seed, Bounds bounds) {}

  /**
   * Everything a report shows. {@code capacity} is null when the sweep was given absolute rates; {@code mode} is
   * {@link #VIRTUAL} or the live runner's name.
   */
  public record Result(Sweep sweep, Unloaded unloaded, Slo slo, Capacity capacity, double hitRateBound,
                       List<Cell> cells, String mode, List<BoundsCell> bounds) {}

  /** The mode of a sweep whose runs are all virtual-time replays. */
  public static final String VIRTUAL = "virtual";

  /** Runs one cell of a sweep: {@link Replay#run} in virtual time, or the same run live. */
  @FunctionalInterface
  public interface Runner {
    RunResult run(Workload workload, double rateScale, int requests, ReplayConfig config, EngineFactory factory);
  }

  /** Runs the sweep in virtual time; {@code progress} hears one line per step (to stderr, say). */
  public Result run(Consumer<String> progress) { return run(progress, Replay::run, VIRTUAL); }

  /**
   * Runs the sweep's cells with {@code runner}. The unloaded latencies, the capacity behind {@code --load} and
   * the hit-rate bound are always measured in virtual time: they are properties of the model, and measuring
   * capacity live would take dozens of real-time probe runs.
   */
  public Result run(Consumer<String> progress, Runner runner, String mode) {
    Unloaded unloaded = Unloaded.measure(workload, factory, Unloaded.DEFAULT_SAMPLE);
    Slo effective = slo != null ? slo : unloaded.slo(sloFactor);
    ReplayConfig config = base.withSlo(effective);
    progress.accept(String.format(Locale.ROOT, "unloaded TTFT %.1f ms, TPOT %.2f ms (mean of %d requests alone on an idle replica); SLO TTFT <= %.1f ms, TPOT <= %.2f ms",
        unloaded.ttftNanos() / 1e6, unloaded.tpotNanos() / 1e6, unloaded.sample(), effective.ttftNanos() / 1e6, effective.tpotNanos() / 1e6));
    Capacity capacity = null;
    if (!loads.isEmpty()) {
      int asked = Math.min(capacitySlice, requests);
      capacity = Capacity.search(capacityMode, workload, config, factory, asked, unloaded);
      progress.accept(String.format(Locale.ROOT,
          (mode.equals(VIRTUAL) ? "" : "(virtual time) ") + "capacity (%s): %.3f req/s (rate scale %.4f): %s, on the first %d requests (binary search, %d probes)",
          capacityMode.label(), capacity.requestsPerSecond(), capacity.rateScale(), capacityMode.definition(), capacity.slice(),
          capacity.probes().size()));
      if (capacity.slice() > asked) {
        progress.accept(String.format(Locale.ROOT, "capacity measured on %d requests, not %d: %s", capacity.slice(), asked,
            asked < Capacity.MIN_SLICE
                ? "fewer than " + Capacity.MIN_SLICE + " make the keep-up test a handful of arrivals (the runs still use --requests)"
                : "fewer arrive faster than they finish, too short for a steady state"));
      }
      if (capacity.limitedByFloor()) {
        progress.accept(String.format(Locale.ROOT,
            "warning: round-robin failed the capacity criterion at every rate tried down to %.3f req/s (%d%% of the %.3f req/s at which "
            + "%d replicas serving one request at a time at their unloaded latency keep up), so load 1.0 is that floor, not a capacity: %s",
            capacity.requestsPerSecond(), Capacity.FLOOR_PERCENT_OF_SERIAL,
            capacity.requestsPerSecond() * 100 / Capacity.FLOOR_PERCENT_OF_SERIAL, base.replicas(),
            capacityMode == Capacity.Mode.SLO ? "the SLO is tighter than round-robin meets at any load; use --rate or a looser --slo-ttft/--slo-tpot"
                : "the workload has too few requests (" + capacity.slice() + ") for a steady state; use --rate"));
      } else if (capacity.limitedByLength()) {
        progress.accept(String.format(Locale.ROOT,
            "warning: %d requests arriving faster than %.3f req/s span under %d unloaded request lifetimes, too short for a steady state; "
            + "load 1.0 is that limit, not a capacity: give more --requests", capacity.slice(),
            capacity.maxScale() * workload.nominalRate(), Capacity.STEADY_LIFETIMES));
      } else if (!capacity.bracketed()) {
        progress.accept("warning: round-robin never crossed the capacity criterion within the scales tried, so load 1.0 is a"
            + " search limit, not a capacity; use --rate" + (capacityMode == Capacity.Mode.SLO ? " or --slo-ttft/--slo-tpot" : ""));
      }
    }
    double bound = Replay.hitRateBound(workload, base.replicas(), factory.kvCapacityTokens(), requests, 1,
        base.warmupFraction());
    List<Cell> cells = new ArrayList<>();
    List<Double> points = loads.isEmpty() ? rates : loads;
    List<BoundsCell> bounds = new ArrayList<>();
    if (factory.profile().isPresent()) {
      for (double point : points) {
        double scale = loads.isEmpty() ? point / workload.nominalRate() : point * capacity.rateScale();
        for (long seed = 1; seed <= seeds; seed++) {
          bounds.add(new BoundsCell(loads.isEmpty() ? Double.NaN : point, scale * workload.nominalRate(), seed,
              Bounds.measure(workload, scale, requests, seed, base.warmupFraction(), base.replicas(), factory.profile().get())));
        }
      }
    }
    for (String policy : policies) {
      for (double point : points) {
        double scale = loads.isEmpty() ? point / workload.nominalRate() : point * capacity.rateScale();
        for (long seed = 1; seed <= seeds; seed++) {
          RunResult r = runner.run(workload, scale, requests, config.withPolicy(policy).withSeed(seed), factory);
          cells.add(new Cell(policy, loads.isEmpty() ? Double.NaN : point, scale * workload.nominalRate(), seed, r));
          progress.accept(String.format(Locale.ROOT, "%s %s=%s seed %d: mean TTFT %.1f ms, p99 TTFT %.1f ms, mean TPOT %.2f ms, goodput %.2f req/s%s",
              policy, loads.isEmpty() ? "rate" : "load", point, seed, r.ttftMs().mean(), r.ttftMs().p99(), r.tpotMs().mean(),
              r.goodputRps(), r.errors() > 0 ? ", " + r.errors() + " errors" : ""));
        }
      }
    }
    return new Result(this, unloaded, effective, capacity, bound, List.copyOf(cells), mode, List.copyOf(bounds));
  }
}
