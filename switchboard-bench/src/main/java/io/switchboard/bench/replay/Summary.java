package io.switchboard.bench.replay;

/** Mean and percentiles of one latency metric, in milliseconds. Percentiles are nearest-rank. */
public record Summary(double mean, double p50, double p90, double p99) {
  public static final Summary EMPTY = new Summary(0, 0, 0, 0);
}
