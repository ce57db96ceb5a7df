package io.switchboard.core.pipeline.internal;

import java.util.Arrays;

/**
 * Recursive least squares with exponential forgetting (Haykin, "Adaptive Filter Theory", ch. 10): an online
 * linear model {@code y ~ theta . x} updated in O(d^2) per observation with no stored history.
 *
 * <p>Each update fits the relative error rather than the absolute one: the observation {@code (x, y)} is fed as
 * {@code (x / y, 1)}, which minimises {@code sum((y - theta . x) / y)^2}. A 20 ms TTFT missed by 10 ms then weighs
 * as much as a 2 s one missed by 1 s, which is what a percentage error (MAPE) judges and what a router comparing
 * small and large predictions needs.
 *
 * <pre>
 * k     = P x / (lambda + x' P x)
 * theta = theta + k (y - theta . x)
 * P     = (P - k x' P) / lambda
 * </pre>
 * Forgetting divides P by lambda at every update, so in directions the inputs do not excite (a feature that
 * stays constant) P would grow without bound ("covariance wind-up") and, after a few hundred thousand
 * updates, overflow to NaN. The trace of P is therefore capped at its initial value: past it, an update does not
 * forget. A model that still turns non-finite is reset to its prior.
 *
 * <p>Thread-safe: one lock around d^2 arithmetic.
 */
public final class Rls {
  private final int d;
  private final double lambda;
  private final double[] theta;
  private final double[] p;      // d x d, row-major
  private final double[] px;     // scratch
  private final double[] z;      // scratch
  private final double[] prior;
  private final double initialVariance;
  private final double maxTrace;
  private long updates;

  public Rls(double[] prior, double lambda, double initialVariance) {
    this.d = prior.length;
    this.lambda = lambda;
    this.theta = prior.clone();
    this.p = new double[d * d];
    for (int i = 0; i < d; i++) p[i * d + i] = initialVariance;
    this.px = new double[d];
    this.z = new double[d];
    this.prior = prior.clone();
    this.initialVariance = initialVariance;
    this.maxTrace = d * initialVariance;
  }

  /**
   * The TTFT model in ms over {@link Features}: a physics prior (15 ms fixed, 40 ms per 1,000 tokens to
   * prefill, own or queued ahead, 10 ms per 10^7 attention pairs) that the observations quickly override.
   */
  public static Rls ttftPrior() {
    return ttftPrior(Features.D);
  }

  /** The same prior over the first {@code d} features ({@link Features#D_COST} for the routing cost model). */
  public static Rls ttftPrior(int d) {
    double[] prior = new double[Features.D];
    prior[Features.BIAS] = 15;
    prior[Features.OWN_KTOKENS] = 40;
    prior[Features.AHEAD_KTOKENS] = 40;
    prior[Features.OWN_ATTENTION] = 10;
    prior[Features.AHEAD_ATTENTION] = 10;
    // Observations enter as x / y with y in ms, so of order 1e-2: a large initial variance lets them count at once.
    return new Rls(Arrays.copyOf(prior, d), 0.998, 1e6);
  }

  /**
   * The TPOT model in ms over {@link TpotFeatures}: a prior of 8 ms per output token plus 4 ms per 16 requests
   * decoding, which the observations quickly override.
   */
  public static Rls tpotPrior() {
    double[] prior = new double[TpotFeatures.D];
    prior[TpotFeatures.BIAS] = 8;
    prior[TpotFeatures.DECODING_16] = 4;
    return new Rls(prior, 0.998, 1e6);
  }

  public int dimension() { return d; }

  public synchronized long updates() { return updates; }

  /** {@code theta . x} over the model's {@link #dimension()} first entries of {@code x} (which may be longer). */
  public synchronized double predict(double[] x) {
    double y = 0;
    for (int i = 0; i < d; i++) y += theta[i] * x[i];
    return y;
  }

  /** Learns that features {@code x} (its first {@link #dimension()} entries) led to {@code y} (> 0). */
  public synchronized void update(double[] x, double y) {
    if (!(y > 0) || Double.isInfinite(y)) return;
    double[] z = this.z;
    for (int i = 0; i < d; i++) z[i] = x[i] / y;
    double denom = lambda;
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) s += p[i * d + j] * z[j];
      px[i] = s;
      denom += z[i] * s;
    }
    double err = 1;
    for (int i = 0; i < d; i++) err -= theta[i] * z[i];
    for (int i = 0; i < d; i++) theta[i] += px[i] / denom * err;
    double trace = 0;
    for (int i = 0; i < d; i++) trace += p[i * d + i];
    double forget = trace < maxTrace ? lambda : 1;
    // P is symmetric, so x'P = (P x)'.
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) p[i * d + j] = (p[i * d + j] - px[i] * px[j] / denom) / forget;
    }
    updates++;
    for (int i = 0; i < d; i++) {
      if (!Double.isFinite(theta[i])) {
        reset();
        return;
      }
    }
  }

  private void reset() {
    System.arraycopy(prior, 0, theta, 0, d);
    java.util.Arrays.fill(p, 0);
    for (int i = 0; i < d; i++) p[i * d + i] = initialVariance;
  }

  public synchronized double[] coefficients() { return Arrays.copyOf(theta, d); }
}
