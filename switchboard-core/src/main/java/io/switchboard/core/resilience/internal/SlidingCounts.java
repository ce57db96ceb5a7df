package io.switchboard.core.resilience.internal;

import java.util.Arrays;

/**
 * An immutable count of events over a sliding window, split into equal buckets (a ring indexed by the
 * absolute bucket number {@code floorDiv(now, bucketNanos)}). Every update returns a new value, so a holder
 * can swap it by compare-and-set; the update is pure and may be re-run after a lost race.
 *
 * <p>Resolution is one bucket: an event is forgotten between {@code window - bucket} and {@code window}
 * after it happened, never later. With a 60 s window in 12 buckets of 5 s, a failure at t=0 s still counts
 * at t=54 s and is gone at t=60 s; one at t=4 s is gone at t=60 s too (its bucket [0, 5) leaves at once).
 */
public final class SlidingCounts {
  private final long bucketNanos;
  private final long newestBucket;
  private final long[] counts;

  private SlidingCounts(long bucketNanos, long newestBucket, long[] counts) {
    this.bucketNanos = bucketNanos;
    this.newestBucket = newestBucket;
    this.counts = counts;
  }

  /** An empty window of {@code buckets} buckets spanning {@code windowNanos}. */
  public static SlidingCounts empty(long windowNanos, int buckets) {
    if (buckets < 1) throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
    if (windowNanos < buckets) {
      throw new IllegalArgumentException("window of " + windowNanos + " ns is too short for " + buckets + " buckets");
    }
    return new SlidingCounts(windowNanos / buckets, Long.MIN_VALUE, new long[buckets]);
  }

  /** This window with {@code n} more events at {@code nowNanos}. */
  public SlidingCounts add(long nowNanos, long n) {
    long bucket = Math.floorDiv(nowNanos, bucketNanos);
    // A caller that read the ticker long before its swap may be older than the whole window: nothing to count.
    if (newestBucket != Long.MIN_VALUE && bucket <= newestBucket - counts.length) return this;
    long[] next = advancedCounts(bucket);
    next[slot(bucket)] += n;
    return new SlidingCounts(bucketNanos, Math.max(bucket, newestBucket), next);
  }

  /** Events in the window that ends at {@code nowNanos}. */
  public long sum(long nowNanos) {
    long bucket = Math.floorDiv(nowNanos, bucketNanos);
    if (newestBucket == Long.MIN_VALUE || bucket - newestBucket >= counts.length) return 0;
    long total = 0;
    // Buckets older than (bucket - length + 1) have left the window even though the ring still holds them.
    long oldestLive = bucket - counts.length + 1;
    for (long b = Math.max(oldestLive, newestBucket - counts.length + 1); b <= newestBucket; b++) {
      total += counts[slot(b)];
    }
    return total;
  }

  private long[] advancedCounts(long bucket) {
    if (newestBucket == Long.MIN_VALUE || bucket - newestBucket >= counts.length) return new long[counts.length];
    long[] next = counts.clone();
    // Clear the slots the window moved past since the newest bucket: they now stand for new buckets.
    for (long b = newestBucket + 1; b <= bucket; b++) next[slot(b)] = 0;
    return next;
  }

  private int slot(long bucket) { return (int) Math.floorMod(bucket, (long) counts.length); }

  @Override
  public String toString() { return "SlidingCounts" + Arrays.toString(counts); }
}
