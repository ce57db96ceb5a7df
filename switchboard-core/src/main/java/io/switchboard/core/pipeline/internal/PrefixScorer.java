package io.switchboard.core.pipeline.internal;

/**
 * Prefix-cache affinity: the share of the prompt each endpoint is believed to hold (longest matched prefix in
 * its index), always behind a load guard: an endpoint already at the bounded-load cap
 * ({@code ceil((1 + slack) x (outstanding + 1) / n)}) scores 0 however much it holds. So a prefix everyone
 * shares spreads to other endpoints as soon as the first fills up, and they learn it in turn.
 */
final class PrefixScorer implements Scorer {
  private final double slack;

  PrefixScorer(double slack) { this.slack = slack; }

  @Override public String name() { return "prefix"; }

  @Override
  public void score(Ctx ctx, double[] out) {
    int prompt = ctx.request.promptTokens();
    long cap = ctx.loadCap(slack);
    for (int i = 0; i < ctx.n; i++) {
      boolean guarded = ctx.endpoint(i).outstanding() + 1 > cap;
      out[i] = guarded || prompt <= 0 ? 0 : (double) ctx.matchedTokens(i) / prompt;
    }
  }
}
