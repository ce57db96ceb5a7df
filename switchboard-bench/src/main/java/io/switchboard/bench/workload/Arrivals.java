package io.switchboard.bench.workload;

import java.util.random.RandomGenerator;

/**
 * Inter-arrival times of an open-loop arrival process with a given mean rate.
 *
 * <p>{@link #poisson} has exponential gaps (coefficient of variation 1). {@link #gamma} has Gamma gaps with
 * shape {@code k = 1 / cv^2} and the same mean, so {@code cv > 1} gives bursts: most gaps are tiny and a few
 * are long. Gamma variates use Marsaglia and Tsang, "A simple method for generating gamma variables" (ACM
 * TOMS 2000), with the {@code U^(1/k)} boost for {@code k < 1}.
 */
public sealed interface Arrivals {

  /** The next gap in seconds for a process of {@code rate} arrivals per second. */
  double nextGapSeconds(double rate, RandomGenerator random);

  /** The spec fragment: {@code poisson} or {@code gamma:cv=4}. */
  String spec();

  static Arrivals poisson() { return new Poisson(); }

  static Arrivals gamma(double cv) { return new Gamma(cv); }

  record Poisson() implements Arrivals {
    @Override
    public double nextGapSeconds(double rate, RandomGenerator random) {
      return -Math.log(1.0 - random.nextDouble()) / rate;
    }

    @Override
    public String spec() { return "poisson"; }
  }

  record Gamma(double cv) implements Arrivals {
    public Gamma {
      if (!(cv > 0)) throw new IllegalArgumentException("gamma cv must be > 0, was " + cv);
    }

    @Override
    public double nextGapSeconds(double rate, RandomGenerator random) {
      double shape = 1.0 / (cv * cv);
      double scale = 1.0 / (rate * shape); // mean = shape * scale = 1 / rate
      return sample(shape, random) * scale;
    }

    @Override
    public String spec() { return "gamma:cv=" + Workloads.number(cv); }

    static double sample(double shape, RandomGenerator random) {
      if (shape < 1) {
        double u = random.nextDouble();
        return sample(shape + 1, random) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1.0 / shape);
      }
      double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
      for (;;) {
        double x = random.nextGaussian();
        double v = 1 + c * x;
        if (v <= 0) continue;
        v = v * v * v;
        double u = random.nextDouble();
        if (u < 1 - 0.0331 * x * x * x * x) return d * v;
        if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
      }
    }
  }
}
