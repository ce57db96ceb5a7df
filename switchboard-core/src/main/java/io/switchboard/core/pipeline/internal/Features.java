package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.pipeline.EndpointSignals;

/**
 * The inputs of the TTFT model for one request on one endpoint, all from the router's own accounting at
 * decision time: the request's prompt tokens not expected in the endpoint's prefix cache, the uncached prefill
 * queued ahead of it, how many requests wait for a first token, the decode work in flight and how many
 * requests decode, and the prefill-times-decode interaction (a prefill chunk shares its steps with the
 * decoders, so decoding slows it). Scaled to order 1 for a well-conditioned least-squares fit.
 */
public final class Features {
  public static final int BIAS = 0, OWN_KTOKENS = 1, AHEAD_KTOKENS = 2, PREFILL_REQUESTS = 3, DECODE_10KTOKENS = 4,
      DECODING_16 = 5, PREFILL_X_DECODING = 6;
  public static final int D = 7;

  private Features() {}

  public static double[] of(long ownUncached, EndpointSignals s, EndpointState e) {
    double[] x = new double[D];
    fill(x, ownUncached, s, e);
    return x;
  }

  public static void fill(double[] x, long ownUncached, EndpointSignals s, EndpointState e) {
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
  }
}
