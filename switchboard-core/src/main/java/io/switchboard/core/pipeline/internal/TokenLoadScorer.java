package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.pipeline.EndpointSignals;

/**
 * Token load from the router's own accounting: the uncached prompt tokens still being prefilled on each
 * endpoint plus {@code decodeWeight} x the decode tokens it still expects (output not yet streamed back,
 * counted from {@code max_tokens} at dispatch), plus {@code ownWeight} x this request's own uncached tokens
 * there (the load after placing it: an endpoint holding the prompt's prefix adds only the rest, so cache
 * affinity is weighed in the same unit as the queued prefill, tokens). Cheaper is better; scores are the cost
 * ratio with a 1,000-token unit.
 */
final class TokenLoadScorer implements Scorer {
  private final double decodeWeight;
  private final double ownWeight;

  TokenLoadScorer(double decodeWeight, double ownWeight) {
    this.decodeWeight = decodeWeight;
    this.ownWeight = ownWeight;
  }

  @Override public String name() { return "load"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    double[] cost = new double[ctx.n];
    for (int i = 0; i < ctx.n; i++) {
      cost[i] = cost(ctx.endpoint(i), ctx.signals(i), decodeWeight) + (ownWeight == 0 ? 0 : ownWeight * ctx.uncached(i));
    }
    Scorer.inverse(cost, ctx.n, 1000, out);
  }

  static double cost(EndpointState e, EndpointSignals s, double decodeWeight) {
    double decode = Math.max(0, e.tokensInFlight() - s.prefillPromptTokens());
    return s.prefillUncachedTokens() + decodeWeight * decode;
  }
}
