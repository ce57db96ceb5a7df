package io.switchboard.sim.server;

/**
 * When one fault hits: each request with {@code probability}, and in any case the next {@code next}
 * requests it applies to (counted down as they are hit).
 */
public record FaultRule(double probability, int next) {
  public static final FaultRule OFF = new FaultRule(0, 0);

  public FaultRule {
    if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    if (next < 0) throw new IllegalArgumentException("next must be >= 0, was " + next);
  }

  public static FaultRule probability(double p) {
    return new FaultRule(p, 0);
  }

  public static FaultRule next(int n) {
    return new FaultRule(0, n);
  }

  public boolean off() {
    return probability == 0 && next == 0;
  }
}
