package io.switchboard.bench.replay.internal;

import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Slo;
import java.util.List;

/**
 * The metrics of one run, in one place so virtual time and live runs measure the same thing the same way
 * (vLLM's benchmark definitions, see {@link RunResult}). Times are nanoseconds on the run's own clock: the
 * event loop's virtual clock, or {@code System.nanoTime} from the start of a live run. Mutable, one thread.
 */
public final class Measurements {
  private final LatencyHistogram ttft = new LatencyHistogram();
  private final LatencyHistogram tpot = new LatencyHistogram();
  private final LatencyHistogram itl = new LatencyHistogram();
  private final LatencyHistogram e2e = new LatencyHistogram();
  private final TimelineBuilder timeline;
  private final long[] routed;
  private final long[] routedTokens;
  private final Slo slo;
  private long firstMeasuredArrival = -1;
  private long lastMeasuredFinish;
  private long finished;
  private long sloMet;
  private long outputTokens;
  private long errors;
  private long waitingSum;
  private long waitingSamples;
  private double absPercentErrorSum;
  private long predictions;
  private double tpotAbsPercentErrorSum;
  private long tpotPredictions;
  private final java.util.ArrayList<String> receipts = new java.util.ArrayList<>();
  private int measuredArrivals;
  private long completionsSinceMeasuring;
  private long[] completionsAtArrival = new long[1024];

  public Measurements(int replicas, int timelineBuckets, Slo slo) {
    this.timeline = new TimelineBuilder(replicas, timelineBuckets);
    this.routed = new long[replicas];
    this.routedTokens = new long[replicas];
    this.slo = slo;
  }

  /** Whether the first measured request has arrived (the warm-up is over). */
  public boolean measuring() { return firstMeasuredArrival >= 0; }

  /** The warm-up ends: the first measured request arrives at {@code now}. */
  public void startMeasuring(long now) { firstMeasuredArrival = now; }

  /** A request was routed to {@code replica}; only measured ones count towards the balance figures. */
  public void routed(int replica, long now, boolean measured, long expectedTokens) {
    timeline.routed(replica, now);
    if (measured) {
      routed[replica]++;
      routedTokens[replica] += expectedTokens;
    }
  }

  /**
   * A request arrived at a time when {@code measuring()}; together with {@link #completed} this gives how well
   * completions kept up with arrivals over the measured arrival window (see {@link RunResult#keptUp}).
   */
  public void arrivedWhileMeasuring() {
    if (measuredArrivals == completionsAtArrival.length) {
      completionsAtArrival = java.util.Arrays.copyOf(completionsAtArrival, 2 * measuredArrivals);
    }
    completionsAtArrival[measuredArrivals++] = completionsSinceMeasuring;
  }

  /** Any request (warm-up or measured) ended while {@code measuring()}. */
  public void completed() { completionsSinceMeasuring++; }

  /** One inter-token gap of a measured request. */
  public void interTokenGap(long nanos) { itl.record(nanos); }

  /**
   * A measured request finished with {@code tokens} output tokens, its first at {@code firstToken} and its
   * last at {@code lastToken}; {@code end} is when its response ended (at or after the last token).
   */
  public void finished(long arrival, long firstToken, long lastToken, int tokens, long end) {
    long t = firstToken - arrival;
    double perToken = tokens > 1 ? (double) (lastToken - firstToken) / (tokens - 1) : Double.NaN;
    ttft.record(t);
    e2e.record(lastToken - arrival);
    if (!Double.isNaN(perToken)) tpot.record(perToken);
    if (slo.met(t, perToken)) sloMet++;
    finished++;
    outputTokens += tokens;
    lastMeasuredFinish = Math.max(lastMeasuredFinish, Math.max(end, lastToken));
  }

  /** A measured request that could not be routed, failed, or never finished. */
  public void error() { errors++; }

  public void errors(long n) { errors += n; }

  /** One scrape of one replica's waiting queue after the warm-up. */
  public void waiting(long requests) {
    waitingSum += requests;
    waitingSamples++;
  }

  /** A routing policy's predicted TTFT for a measured request, against what happened (for the MAPE). */
  public void predictionError(double predictedNanos, long actualNanos) {
    if (Double.isNaN(predictedNanos) || actualNanos <= 0) return;
    absPercentErrorSum += Math.abs(predictedNanos - actualNanos) / actualNanos;
    predictions++;
  }

  /** A routing policy's predicted TPOT for a measured request, against its TPOT (for the TPOT MAPE). */
  public void tpotPredictionError(double predictedNanos, double actualNanos) {
    if (Double.isNaN(predictedNanos) || !(actualNanos > 0)) return;
    tpotAbsPercentErrorSum += Math.abs(predictedNanos - actualNanos) / actualNanos;
    tpotPredictions++;
  }

  /** Keeps one routing receipt line for the report; returns its index for {@link #amendReceipt}. */
  public int receipt(String line) {
    receipts.add(line);
    return receipts.size() - 1;
  }

  /** Appends what was later observed (e.g. the TTFT) to receipt {@code index}. */
  public void amendReceipt(int index, String more) { receipts.set(index, receipts.get(index) + more); }

  /** The result, given the engines' prefix-cache and preemption counters accumulated after the warm-up. */
  public RunResult result(long hits, long queries, long preemptions) {
    double duration = finished == 0 ? 0 : (lastMeasuredFinish - firstMeasuredArrival) / 1e9;
    return new RunResult(ttft.summary(), tpot.summary(), itl.summary(), e2e.summary(), finished, duration,
        rate(finished, duration), rate(outputTokens, duration), rate(sloMet, duration),
        finished == 0 ? 0 : (double) sloMet / finished, queries == 0 ? 0 : (double) hits / queries,
        maxOverMean(routed), maxOverMean(routedTokens), preemptions, errors, routed.clone(), timeline.build(),
        ttft.cdf(), waitingSamples == 0 ? 0 : (double) waitingSum / waitingSamples,
        predictions == 0 ? 0 : absPercentErrorSum / predictions, predictions,
        keptUp(), tpotPredictions == 0 ? 0 : tpotAbsPercentErrorSum / tpotPredictions, tpotPredictions,
        List.copyOf(receipts));
  }

  /**
   * Completions over arrivals in the second half of the measured arrival window (the first half lets the backlog
   * settle after the warm-up, so a slow approach to a steady state does not read as divergence).
   */
  private double keptUp() {
    int last = measuredArrivals - 1, mid = measuredArrivals / 2;
    if (last - mid < 1) return Double.NaN;
    return (double) (completionsAtArrival[last] - completionsAtArrival[mid]) / (last - mid);
  }

  private static double rate(long n, double seconds) { return seconds > 0 ? n / seconds : 0; }

  private static double maxOverMean(long[] v) {
    long max = 0, sum = 0;
    for (long x : v) {
      max = Math.max(max, x);
      sum += x;
    }
    return sum == 0 ? 0 : max / ((double) sum / v.length);
  }
}
