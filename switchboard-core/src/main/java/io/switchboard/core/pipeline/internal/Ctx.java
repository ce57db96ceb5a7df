package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.pipeline.EndpointSignals;
import io.switchboard.core.pipeline.Signals;
import java.util.List;

/**
 * One decision's candidates and what scorers share about them, computed at most once: each candidate's
 * signals, its believed prefix match and the predicted TTFT. Lives for one decision on one thread.
 */
public final class Ctx {
  public final List<EndpointState> candidates;
  public final RouteRequest request;
  public final Signals signals;
  public final int n;
  private EndpointSignals[] sig;
  private int[] matchedTokens;
  private double[] predictedMs;
  private double[] costMs;
  private double[] predictedTpotMs;
  private long totalOutstanding = -1;
  private final double[] features = new double[Features.D];
  private final double[] tpotFeatures = new double[TpotFeatures.D];

  public Ctx(List<EndpointState> candidates, RouteRequest request, Signals signals) {
    this.candidates = candidates;
    this.request = request;
    this.signals = signals;
    this.n = candidates.size();
  }

  public EndpointState endpoint(int i) { return candidates.get(i); }

  public EndpointSignals signals(int i) {
    if (sig == null) sig = new EndpointSignals[n];
    EndpointSignals s = sig[i];
    if (s == null) s = sig[i] = signals.of(candidates.get(i));
    return s;
  }

  /** Prompt tokens candidate {@code i} is believed to hold in its prefix cache. */
  public int matchedTokens(int i) {
    if (matchedTokens == null) {
      matchedTokens = new int[n];
      var hashes = request.blockHashes();
      if (hashes.length() > 0) {
        for (int c = 0; c < n; c++) {
          int blocks = signals.prefixes().of(candidates.get(c)).longestPrefixBlocks(hashes);
          matchedTokens[c] = Math.min(blocks * hashes.blockSize(), request.promptTokens());
        }
      }
    }
    return matchedTokens[i];
  }

  /** Prompt tokens candidate {@code i} must compute: all but the believed cached ones (at least one, as vLLM). */
  public long uncached(int i) { return Math.max(1, request.promptTokens() - matchedTokens(i)); }

  /** The TTFT predictor's TTFT for candidate {@code i}, in ms (at least 1). */
  public double predictedMs(int i) {
    if (predictedMs == null) {
      predictedMs = new double[n];
      java.util.Arrays.fill(predictedMs, Double.NaN);
    }
    double p = predictedMs[i];
    if (Double.isNaN(p)) {
      EndpointSignals s = signals(i);
      Features.fill(features, request.promptTokens(), uncached(i), s, candidates.get(i));
      double v = s.ttftModel().predict(features);
      p = predictedMs[i] = Double.isFinite(v) ? Math.max(1, v) : 1;
    }
    return p;
  }

  /** The routing cost model's TTFT for candidate {@code i}, in ms (at least 1); see {@link EndpointSignals#ttftCostModel()}. */
  public double costMs(int i) {
    if (costMs == null) {
      costMs = new double[n];
      java.util.Arrays.fill(costMs, Double.NaN);
    }
    double p = costMs[i];
    if (Double.isNaN(p)) {
      EndpointSignals s = signals(i);
      Features.fill(features, request.promptTokens(), uncached(i), s, candidates.get(i));
      double v = s.ttftCostModel().predict(features);
      p = costMs[i] = Double.isFinite(v) ? Math.max(1, v) : 1;
    }
    return p;
  }

  /** The TPOT model's prediction for candidate {@code i}, in ms (at least 0.1). */
  public double predictedTpotMs(int i) {
    if (predictedTpotMs == null) {
      predictedTpotMs = new double[n];
      java.util.Arrays.fill(predictedTpotMs, Double.NaN);
    }
    double p = predictedTpotMs[i];
    if (Double.isNaN(p)) {
      EndpointSignals s = signals(i);
      TpotFeatures.fill(tpotFeatures, request, s, candidates.get(i));
      double v = s.tpotModel().predict(tpotFeatures);
      p = predictedTpotMs[i] = Double.isFinite(v) ? Math.max(0.1, v) : 0.1;
    }
    return p;
  }

  /** Requests outstanding over all candidates. */
  public long totalOutstanding() {
    if (totalOutstanding < 0) {
      long t = 0;
      for (int i = 0; i < n; i++) t += candidates.get(i).outstanding();
      totalOutstanding = t;
    }
    return totalOutstanding;
  }

  /**
   * The bounded-load cap (Mirrokni, Thorup, Zadimoghaddam 2018): an endpoint may hold at most
   * {@code ceil((1 + slack) x (total + 1) / n)} requests, counting the one being routed.
   */
  public long loadCap(double slack) { return (long) Math.ceil((1 + slack) * (totalOutstanding() + 1) / n); }
}
