package io.switchboard.bench.workload.internal;

import java.util.random.RandomGenerator;

/** A distribution of token counts: uniform on {@code [min, max]}, or normal {@code (mean, sd)} clamped to {@code [min, max]}. */
record IntDist(boolean normal, double mean, double sd, int min, int max) {
  static IntDist uniform(int min, int max) {
    if (min < 1 || max < min) throw new IllegalArgumentException("need 1 <= min <= max, was " + min + ".." + max);
    return new IntDist(false, (min + max) / 2.0, 0, min, max);
  }

  static IntDist normal(double mean, double sd, int min, int max) { return new IntDist(true, mean, sd, min, max); }

  static IntDist constant(int n) { return uniform(n, n); }

  int sample(RandomGenerator random) {
    if (!normal) return min == max ? min : min + random.nextInt(max - min + 1);
    long v = Math.round(mean + sd * random.nextGaussian());
    return (int) Math.max(min, Math.min(max, v));
  }

  @Override
  public String toString() { return normal ? mean + "+-" + sd : min == max ? Integer.toString(min) : min + ".." + max; }
}
