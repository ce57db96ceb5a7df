package io.switchboard.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p><b>Output.</b> Answer lengths are censored data: an answer that stopped at its {@code max_tokens} says only
 * that it would have been at least that long. So two things are learned. The lengths {@code X} of answers that
 * ended on their own, as a decayed histogram in power-of-two buckets, each keeping its weight and the sum of its
 * values (a bucket's mean is exact, not its midpoint). And, per power-of-two bucket of {@code max_tokens}, the share
 * {@code q} of answers that ran into the cap. A request with cap {@code m} is expected to produce
 * {@code q m + (1 - q) E[min(X, m)]}: a benchmark that sets {@code max_tokens} to the exact length it forces
 * ({@code ignore_eos}) converges to {@code m}, and chat clients with generous caps to the length answers really
 * have, while clients that cap tightly and clients that do not are told apart by their cap's bucket. Without
 * {@code max_tokens}, the mean of {@code X}.
 *
 * <p>Each observation first multiplies the evidence of its kind by {@value #DECAY}, so the estimates follow a
 * drifting workload with a memory of a few hundred answers. State is an immutable {@link Snapshot} replaced by
 * compare-and-set; the update is a pure function of the old snapshot. A caller on a hot path passes the time and
 * is thinned to one observation per {@value #MIN_INTERVAL_NANOS} ns: at thousands of answers a second every
 * answer would cost a snapshot copy and a contended compare-and-set for no better estimate, and skipping by time
 * is independent of what the answer says, so the sample stays unbiased.
 */
public final class TokenEstimator {
  static final double DECAY = 1 - 1.0 / 256;
  static final double PRIOR_PROMPT_TOKENS = 256;
  static final double PRIOR_OUTPUT_WEIGHT = 4;
  /** Bucket 0 holds 0 tokens, bucket b >= 1 holds [2^(b-1), 2^b), the last one everything above. */
  static final int BUCKETS = 22;

  /** Evidence that a cap bucket's answers do not run into it, before any answer of that bucket was seen. */
  static final double PRIOR_CAP_WEIGHT = 1;

  /** With the time given, at most one observation per this interval is learned from. */
  static final long MIN_INTERVAL_NANOS = 1_000_000;

  private final AtomicReference<Snapshot> state;
  private final AtomicLong lastLearnedNanos = new AtomicLong(Long.MIN_VALUE);

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
        PRIOR_OUTPUT_WEIGHT, new double[BUCKETS], new double[BUCKETS]));
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
   * {@code q m + (1 - q) E[min(X, m)]} for a cap {@code m}, the mean of {@code X} without one; rounded up, at least 1
   * unless {@code maxTokens} is 0.
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
    e /= s.outputTotal;
    if (maxTokens > 0) {
      double q = s.cappedShare(maxTokens);
      e = q * maxTokens + (1 - q) * e;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(e)));
  }

  /** The learned share of answers that run into a cap of {@code maxTokens}. */
  public double cappedShare(int maxTokens) { return state.get().cappedShare(maxTokens); }

  /** The learned prompt bytes per token. */
  public double bytesPerToken() {
    Snapshot s = state.get();
    return s.promptBytes / s.promptTokens;
  }

  /** The learned mean length of answers that ended on their own, in tokens. */
  public double meanOutputTokens() {
    Snapshot s = state.get();
    double sum = 0;
    for (double v : s.outputSum) sum += v;
    return sum / s.outputTotal;
  }

  /**
   * Learns from one answer's usage. {@code requestBytes}: the size the prompt estimate was made from, or 0 when
   * the prompt's size was known exactly (token ids, a tokenizer), which teaches the ratio nothing. A negative token
   * count is one the answer did not report; {@code maxTokens} is the request's cap, negative when it set none.
   */
  public void observe(int requestBytes, int promptTokens, int completionTokens, int maxTokens) {
    boolean prompt = requestBytes > 0 && promptTokens > 0;
    boolean output = completionTokens >= 0;
    if (!prompt && !output) return;
    Snapshot s;
    do {
      s = state.get();
    } while (!state.compareAndSet(s, s.with(prompt ? requestBytes : 0, promptTokens, output ? completionTokens : -1,
        maxTokens)));
  }

  /**
   * As {@link #observe(int, int, int, int)}, unless another observation was learned from less than
   * {@value #MIN_INTERVAL_NANOS} ns before {@code nowNanos} (or is being learned from concurrently).
   */
  public void observe(int requestBytes, int promptTokens, int completionTokens, int maxTokens, long nowNanos) {
    long last = lastLearnedNanos.get();
    if (last != Long.MIN_VALUE && nowNanos - last < MIN_INTERVAL_NANOS) return;
    if (!lastLearnedNanos.compareAndSet(last, nowNanos)) return;
    observe(requestBytes, promptTokens, completionTokens, maxTokens);
  }

  static int bucket(int tokens) {
    return tokens <= 0 ? 0 : Math.min(BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(tokens));
  }

  /** Decayed evidence; arrays are never written after construction. */
  record Snapshot(double promptBytes, double promptTokens, double[] outputWeight, double[] outputSum,
                  double outputTotal, double[] capped, double[] capSeen) {
    double cappedShare(int maxTokens) {
      int b = bucket(maxTokens);
      return capped[b] / (capSeen[b] + PRIOR_CAP_WEIGHT);
    }

    Snapshot with(int bytes, int prompt, int completion, int maxTokens) {
      double pb = promptBytes, pt = promptTokens;
      if (bytes > 0) {
        pb = pb * DECAY + bytes;
        pt = pt * DECAY + prompt;
      }
      if (completion < 0) return new Snapshot(pb, pt, outputWeight, outputSum, outputTotal, capped, capSeen);
      double[] hit = capped, seen = capSeen;
      boolean ranIntoCap = maxTokens > 0 && completion >= maxTokens;
      if (maxTokens > 0) {
        int c = bucket(maxTokens);
        hit = Arrays.copyOf(capped, BUCKETS);
        seen = Arrays.copyOf(capSeen, BUCKETS);
        hit[c] = hit[c] * DECAY + (ranIntoCap ? 1 : 0);
        seen[c] = seen[c] * DECAY + 1;
      }
      if (ranIntoCap) return new Snapshot(pb, pt, outputWeight, outputSum, outputTotal, hit, seen);
      double[] w = Arrays.copyOf(outputWeight, BUCKETS);
      double[] sum = Arrays.copyOf(outputSum, BUCKETS);
      for (int b = 0; b < BUCKETS; b++) {
        w[b] *= DECAY;
        sum[b] *= DECAY;
      }
      int b = bucket(completion);
      w[b] += 1;
      sum[b] += completion;
      return new Snapshot(pb, pt, w, sum, outputTotal * DECAY + 1, hit, seen);
    }
  }
}
