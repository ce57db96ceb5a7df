package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.pipeline.EndpointSignals;

/**
 * The inputs of the TPOT model for one request on one endpoint, from the router's accounting at decision time,
 * counting the request as placed there. A decode step costs a fixed part, a part per sequence in the batch, the
 * KV reads of every sequence's context, and whatever prefill chunks share the step; so the features are the
 * requests that will decode alongside it, the tokens in flight (prompts plus expected output: the context the
 * batch reads), the uncached prefill queued there (chunks that will interleave with its decode) and the engine's
 * last scraped KV-cache use (near 1 an engine preempts, which stalls decodes). Scaled to order 1.
 *
 * <p>TPOT is averaged over the request's whole decode, which later arrivals also shape; features at decision
 * time are a proxy for that, so a TPOT prediction is rougher than a TTFT one.
 */
public final class TpotFeatures {
  public static final int BIAS = 0, DECODING_16 = 1, CONTEXT_100KTOKENS = 2, PREFILL_10KTOKENS = 3, KV_USAGE = 4;
  public static final int D = 5;

  private TpotFeatures() {}

  public static double[] of(RouteRequest r, EndpointSignals s, EndpointState e) {
    double[] x = new double[D];
    fill(x, r, s, e);
    return x;
  }

  public static void fill(double[] x, RouteRequest r, EndpointSignals s, EndpointState e) {
    x[BIAS] = 1;
    x[DECODING_16] = (e.outstanding() + 1) / 16.0;
    x[CONTEXT_100KTOKENS] = (e.tokensInFlight() + r.expectedTokens()) / 100_000.0;
    x[PREFILL_10KTOKENS] = s.prefillUncachedTokens() / 10_000.0;
    x[KV_USAGE] = e.engine().known() ? e.engine().kvCacheUsage() : 0;
  }
}
