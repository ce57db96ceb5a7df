package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.pipeline.EndpointSignals;

/**
 * The inputs of the TTFT model for one request on one endpoint, all from the router's own accounting at
 * decision time: the request's prompt tokens not expected in the endpoint's prefix cache and their attention
 * work, the uncached prefill queued ahead of it and its attention work, how many requests wait for a first
 * token, the decode work in flight and how many requests decode, and the prefill-times-decode interaction (a
 * prefill chunk shares its steps with the decoders, so decoding slows it). Scaled to order 1 for a
 * well-conditioned least-squares fit.
 *
 * <p>Attention work is what an engine's prefill attention costs beyond the linear layers: computing {@code n}
 * tokens on top of {@code p} cached ones pairs each new token with every earlier one, {@code n x (p + n / 2)}
 * pairs ({@link #attentionPairs}). It is negligible for short prompts and dominates for 10-60k-token ones,
 * which a model linear in tokens underestimates. It is counted for the queue ahead as well as for the request
 * itself, so an endpoint holding a long prompt's prefix but with long prompts queued is not predicted fast.
 */
public final class Features {
  public static final int BIAS = 0, OWN_KTOKENS = 1, AHEAD_KTOKENS = 2, PREFILL_REQUESTS = 3, DECODE_10KTOKENS = 4,
      DECODING_16 = 5, PREFILL_X_DECODING = 6, OWN_ATTENTION = 7, AHEAD_ATTENTION = 8;
  public static final int D = 9;
  /**
   * The routing cost model reads only the first {@code D_COST} features (no attention terms), see
   * {@link io.switchboard.core.pipeline.EndpointSignals#ttftCostModel()}.
   */
  public static final int D_COST = 7;
  /** Attention pairs per feature unit: a 4,500-token prompt computed from scratch is about 1. */
  public static final double PAIRS_UNIT = 1e7;

  private Features() {}

  /** Attention pairs of computing {@code uncached} prompt tokens after {@code promptTokens - uncached} cached ones. */
  public static long attentionPairs(int promptTokens, long uncached) {
    long cached = Math.max(0, promptTokens - uncached);
    return uncached * cached + uncached * uncached / 2;
  }

  public static double[] of(int promptTokens, long ownUncached, EndpointSignals s, EndpointState e) {
    double[] x = new double[D];
    fill(x, promptTokens, ownUncached, s, e);
    return x;
  }

  public static void fill(double[] x, int promptTokens, long ownUncached, EndpointSignals s, EndpointState e) {
    int prefilling = s.prefillRequests();
    double decodeTokens = Math.max(0, e.tokensInFlight() - s.prefillPromptTokens());
    double decoding = Math.max(0, e.outstanding() - prefilling);
    double own = ownUncached / 1000.0;
    double ahead = s.prefillUncachedTokens() / 1000.0;
    x[BIAS] = 1;
    x[OWN_KTOKENS] = own;
    x[AHEAD_KTOKENS] = ahead;
    x[PREFILL_REQUESTS] = prefilling;
    x[DECODE_10KTOKENS] = decodeTokens / 10_000.0;
    x[DECODING_16] = decoding / 16.0;
    x[PREFILL_X_DECODING] = (own + ahead) * decoding / 16.0;
    x[OWN_ATTENTION] = attentionPairs(promptTokens, ownUncached) / PAIRS_UNIT;
    x[AHEAD_ATTENTION] = s.prefillAttentionPairs() / PAIRS_UNIT;
  }
}
