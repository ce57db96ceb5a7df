package io.switchboard.bench.replay.internal;

import io.switchboard.bench.replay.Timeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts routed requests per replica per time bucket in bounded memory: when time runs past the last
 * bucket, adjacent buckets merge pairwise and the bucket width doubles.
 */
final class TimelineBuilder {
  private final long[][] counts;
  private final int maxBuckets;
  private long widthNanos = 1_000_000_000L;
  private int used;

  TimelineBuilder(int replicas, int maxBuckets) {
    this.maxBuckets = maxBuckets - maxBuckets % 2;
    this.counts = new long[replicas][this.maxBuckets];
  }

  void routed(int replica, long atNanos) {
    long b = atNanos / widthNanos;
    while (b >= maxBuckets) {
      for (long[] row : counts) {
        for (int i = 0; i < maxBuckets / 2; i++) row[i] = row[2 * i] + row[2 * i + 1];
        Arrays.fill(row, maxBuckets / 2, maxBuckets, 0);
      }
      widthNanos *= 2;
      used = (used + 1) / 2;
      b = atNanos / widthNanos;
    }
    counts[replica][(int) b]++;
    used = Math.max(used, (int) b + 1);
  }

  Timeline build() {
    List<long[]> rows = new ArrayList<>(counts.length);
    for (long[] row : counts) rows.add(Arrays.copyOf(row, used));
    return new Timeline(widthNanos / 1e9, List.copyOf(rows));
  }
}
