package io.switchboard.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why one request went where it went: the candidates that passed the filters, each scorer's score for each
 * of them, the weighted total, the pick and the reason. Built only when a caller asks for it
 * ({@link GroupRouter#route(RouteRequest, java.util.function.Predicate, boolean)} with {@code explain}).
 *
 * <p>{@link #compact()} is the {@code x-switchboard-route} header value, e.g.
 * {@code smart pick=ep-3 reason=best of=8 predicted-ttft=0.82 prefix=0.41}; {@link #full()} is the log form
 * with every candidate's scores.
 *
 * @param policy     the pipeline or strategy name
 * @param candidates endpoint ids after the filters, in scoring order
 * @param filteredOut how many of the offered candidates the filters removed
 * @param scorers    scorer names, in pipeline order
 * @param scores     {@code scores[s][c]}: scorer {@code s}'s score for candidate {@code c}, 0..1, higher better
 * @param totals     the weighted sum per candidate, 0..1
 * @param pick       index of the chosen candidate, -1 when none
 * @param reason     why that one
 * @param predictedTtftMs the predictor's TTFT for the pick, NaN when none
 *
 * <p>Immutable; the two text forms are built on first use and kept, because a plain strategy's receipt is
 * shared by every request that picks the same endpoint (see {@link GroupRouter}), and each request writes
 * both forms (header and access log). The arrays must not be changed after construction.
 */
public final class RoutingReceipt {
  private final String policy;
  private final List<String> candidates;
  private final int filteredOut;
  private final List<String> scorers;
  private final double[][] scores;
  private final double[] totals;
  private final int pick;
  private final Reason reason;
  private final double predictedTtftMs;
  /** Benign races: two threads may build the same string; either copy is correct. */
  private String compact;
  /** Volatile: an array published by a data race could be seen without its contents. */
  private volatile byte[] compactAscii;
  private String full;

  public RoutingReceipt(String policy, List<String> candidates, int filteredOut, List<String> scorers,
                        double[][] scores, double[] totals, int pick, Reason reason, double predictedTtftMs) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.candidates = candidates;
    this.filteredOut = filteredOut;
    this.scorers = scorers;
    this.scores = scores;
    this.totals = totals;
    this.pick = pick;
    this.reason = reason;
    this.predictedTtftMs = predictedTtftMs;
  }

  public String policy() { return policy; }

  public List<String> candidates() { return candidates; }

  public int filteredOut() { return filteredOut; }

  public List<String> scorers() { return scorers; }

  public double[][] scores() { return scores; }

  public double[] totals() { return totals; }

  public int pick() { return pick; }

  public Reason reason() { return reason; }

  public double predictedTtftMs() { return predictedTtftMs; }

  /** Why the picker chose what it chose; counted per pipeline for metrics. */
  public enum Reason {
    /** Only one candidate passed the filters. */
    ONLY_CANDIDATE("only"),
    /** The single highest total score. */
    BEST_SCORE("best"),
    /** Several candidates shared the highest total; one was drawn at random. */
    TIE_BREAK("tie"),
    /** Drawn at random in proportion to the scores (softmax or weighted split). */
    SAMPLED("sampled"),
    /** Epsilon exploration: a random non-best candidate, so stale scores recover. */
    EXPLORED("explore"),
    /** No candidate passed the filters (e.g. the prompt fits no endpoint's context window). */
    NONE_FIT("none-fit"),
    /** A strategy without scores (round-robin, least-outstanding, ...). */
    STRATEGY("strategy");

    private final String label;

    Reason(String label) { this.label = label; }

    public String label() { return label; }
  }

  /** The chosen endpoint id, or null. */
  public String pickId() { return pick < 0 ? null : candidates.get(pick); }

  /** One header-sized line: policy, pick, reason, candidate count and each scorer's score for the pick. */
  public String compact() {
    String c = compact;
    if (c == null) compact = c = buildCompact();
    return c;
  }

  /**
   * {@link #compact()} as US-ASCII bytes, for writers of raw header bytes (kept, like the text; must not be
   * modified), or null when it has a character outside ASCII.
   */
  public byte[] compactAscii() {
    byte[] a = compactAscii;
    if (a == null) {
      String c = compact();
      for (int i = 0; i < c.length(); i++) if (c.charAt(i) > 0x7e || c.charAt(i) < 0x20) return null;
      compactAscii = a = c.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    return a;
  }

  private String buildCompact() {
    StringBuilder b = new StringBuilder(64).append(policy).append(" pick=").append(pick < 0 ? "none" : pickId())
        .append(" reason=").append(reason.label()).append(" of=").append(candidates.size());
    if (pick >= 0) {
      for (int s = 0; s < scorers.size(); s++) fixed2(b.append(' ').append(scorers.get(s)).append('='), scores[s][pick]);
    }
    if (!Double.isNaN(predictedTtftMs)) fixed2(b.append(" ttft_pred_ms="), predictedTtftMs);
    return b.toString();
  }

  /** Every candidate with every score, for the access log. */
  public String full() {
    String f = full;
    if (f == null) full = f = buildFull();
    return f;
  }

  private String buildFull() {
    StringBuilder b = new StringBuilder(compact()).append(" filtered_out=").append(filteredOut).append(" [");
    for (int c = 0; c < candidates.size(); c++) {
      if (c > 0) b.append("; ");
      fixed2(b.append(candidates.get(c)).append(" total="), totals[c]);
      for (int s = 0; s < scorers.size(); s++) fixed2(b.append(' ').append(scorers.get(s)).append('='), scores[s][c]);
    }
    return b.append(']').toString();
  }

  @Override
  public String toString() { return compact(); }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoutingReceipt r && pick == r.pick && filteredOut == r.filteredOut && reason == r.reason
        && policy.equals(r.policy) && Objects.equals(candidates, r.candidates) && Objects.equals(scorers, r.scorers)
        && Arrays.deepEquals(scores, r.scores) && Arrays.equals(totals, r.totals)
        && Double.compare(predictedTtftMs, r.predictedTtftMs) == 0;
  }

  @Override
  public int hashCode() { return Objects.hash(policy, candidates, pick, reason); }

  /**
   * Appends {@code d} with two decimals, as {@code %.2f} would, without a Formatter: receipts are built on the
   * request path, once per request.
   */
  static StringBuilder fixed2(StringBuilder b, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e15) return b.append(String.format(Locale.ROOT, "%.2f", d));
    long hundredths = Math.round(Math.abs(d) * 100);
    if (d < 0 && hundredths != 0) b.append('-');
    b.append(hundredths / 100).append('.');
    long frac = hundredths % 100;
    if (frac < 10) b.append('0');
    return b.append(frac);
  }
}
