package io.switchboard.bench.replay.internal;

import io.switchboard.bench.replay.Summary;
import org.HdrHistogram.Histogram;

/**
 * One latency metric: an HdrHistogram in microseconds (3 significant digits, so percentiles are within 0.1%)
 * for percentiles in constant memory, and an exact sum for the mean.
 */
final class LatencyHistogram {
  private final Histogram histogram = new Histogram(3);
  private double sumNanos;
  private long count;

  void record(double nanos) {
    histogram.recordValue(Math.max(0, Math.round(nanos / 1000.0)));
    sumNanos += nanos;
    count++;
  }

  long count() { return count; }

  Summary summary() {
    if (count == 0) return Summary.EMPTY;
    return new Summary(sumNanos / count / 1e6, ms(50), ms(90), ms(99));
  }

  /** Quantiles at 1%, 2%, ..., 100%, in ms. */
  double[] cdf() {
    double[] out = new double[100];
    if (count == 0) return out;
    for (int i = 0; i < 100; i++) out[i] = ms(i + 1);
    return out;
  }

  private double ms(double percentile) { return histogram.getValueAtPercentile(percentile) / 1000.0; }
}
