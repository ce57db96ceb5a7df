package io.switchboard.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How many tokens a request of one model group will have, before it is sent, learned from the usage its answers
 * report. One per group, shared by every thread and kept across config reloads.
 *
 * <p><b>Prompt.</b> Request bytes x tokens per byte, where the ratio is the quotient of two decayed sums: reported
 * prompt tokens over the bytes of the requests that reported them. A ratio of sums rather than a mean of ratios,
 * so long prompts, which matter most for routing, weigh most. It starts from {@code 4} bytes per token (English
 * text in JSON) worth {@value #PRIOR_PROMPT_TOKENS} tokens of evidence.
 *
 * <p><b>Output.</b> A decayed histogram of reported completion tokens in power-of-two buckets, each keeping its
 * weight and the sum of its values (so a bucket's mean is exact, not its midpoint). The expected output of a
 * request is {@code E[min(X, max_tokens)]} over that distribution: {@code max_tokens} is a cap, and most answers
 * stop well before it; without {@code max_tokens}, the mean. Answers capped by their own {@code max_tokens} are
 * counted as they came, so a group whose clients cap tightly learns short answers.
 *
 * <p>Each observation first multiplies the evidence of its kind by {@value #DECAY}, so the estimates follow a
 * drifting workload with a memory of a few hundred answers. State is an immutable {@link Snapshot} replaced by
 * compare-and-set; the update is a pure function of the old snapshot.
 */
public final class TokenEstimator {
  static final double DECAY = 1 - 1.0 / 256;
  static final double PRIOR_PROMPT_TOKENS = 256;
  static final double PRIOR_OUTPUT_WEIGHT = 4;
  /** Bucket 0 holds 0 tokens, bucket b >= 1 holds [2^(b-1), 2^b), the last one everything above. */
  static final int BUCKETS = 22;

  private final AtomicReference<Snapshot> state;

  /**
   * @param bytesPerToken the prompt ratio to start from
   * @param outputTokens  the answer length to start from, before any answer reported usage
   */
  public TokenEstimator(double bytesPerToken, int outputTokens) {
    if (!(bytesPerToken > 0)) throw new IllegalArgumentException("bytesPerToken must be > 0, was " + bytesPerToken);
    if (outputTokens < 0) throw new IllegalArgumentException("outputTokens must be >= 0, was " + outputTokens);
    double[] weight = new double[BUCKETS];
    double[] sum = new double[BUCKETS];
    int b = bucket(outputTokens);
    weight[b] = PRIOR_OUTPUT_WEIGHT;
    sum[b] = PRIOR_OUTPUT_WEIGHT * outputTokens;
    state = new AtomicReference<>(new Snapshot(PRIOR_PROMPT_TOKENS * bytesPerToken, PRIOR_PROMPT_TOKENS, weight, sum,
        PRIOR_OUTPUT_WEIGHT));
  }

  /** Starts from 4 bytes per prompt token and 256-token answers. */
  public static TokenEstimator defaults() { return new TokenEstimator(4, 256); }

  /** Estimated prompt tokens of a request of {@code bytes} bytes: at least 1. */
  public int promptTokens(int bytes) {
    Snapshot s = state.get();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(bytes * s.promptTokens / s.promptBytes)));
  }

  /**
   * Expected output tokens of a request whose {@code max_tokens} is {@code maxTokens} ({@code < 0}: not set):
   * {@code E[min(X, maxTokens)]} rounded up, at least 1 unless {@code maxTokens} is 0.
   */
  public int outputTokens(int maxTokens) {
    if (maxTokens == 0) return 0;
    Snapshot s = state.get();
    double cap = maxTokens < 0 ? Double.POSITIVE_INFINITY : maxTokens;
    double e = 0;
    for (int b = 0; b < BUCKETS; b++) {
      double w = s.outputWeight[b];
      if (w > 0) e += w * Math.min(s.outputSum[b] / w, cap);
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(e / s.outputTotal)));
  }

  /** The learned prompt bytes per token. */
  public double bytesPerToken() {
    Snapshot s = state.get();
    return s.promptBytes / s.promptTokens;
  }

  /** The learned mean answer length in tokens. */
  public double meanOutputTokens() {
    Snapshot s = state.get();
    double sum = 0;
    for (double v : s.outputSum) sum += v;
    return sum / s.outputTotal;
  }

  /**
   * Learns from one answer's usage. {@code requestBytes}: the size the prompt estimate was made from, or 0 when
   * the prompt's size was known exactly (token ids), which teaches the ratio nothing. A negative token count is
   * one the answer did not report.
   */
  public void observe(int requestBytes, int promptTokens, int completionTokens) {
    boolean prompt = requestBytes > 0 && promptTokens > 0;
    boolean output = completionTokens >= 0;
    if (!prompt && !output) return;
    Snapshot s;
    do {
      s = state.get();
    } while (!state.compareAndSet(s, s.with(prompt ? requestBytes : 0, promptTokens, output ? completionTokens : -1)));
  }

  static int bucket(int tokens) {
    return tokens <= 0 ? 0 : Math.min(BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(tokens));
  }

  /** Decayed evidence; arrays are never written after construction. */
  record Snapshot(double promptBytes, double promptTokens, double[] outputWeight, double[] outputSum,
                  double outputTotal) {
    Snapshot with(int bytes, int prompt, int completion) {
      double pb = promptBytes, pt = promptTokens;
      if (bytes > 0) {
        pb = pb * DECAY + bytes;
        pt = pt * DECAY + prompt;
      }
      if (completion < 0) return new Snapshot(pb, pt, outputWeight, outputSum, outputTotal);
      double[] w = Arrays.copyOf(outputWeight, BUCKETS);
      double[] sum = Arrays.copyOf(outputSum, BUCKETS);
      for (int b = 0; b < BUCKETS; b++) {
        w[b] *= DECAY;
        sum[b] *= DECAY;
      }
      int b = bucket(completion);
      w[b] += 1;
      sum[b] += completion;
      return new Snapshot(pb, pt, w, sum, outputTotal * DECAY + 1);
    }
  }
}
