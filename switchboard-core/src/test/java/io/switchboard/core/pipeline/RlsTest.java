package io.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.switchboard.core.pipeline.internal.Features;
import io.switchboard.core.pipeline.internal.Rls;
import io.switchboard.core.pipeline.internal.TpotFeatures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RlsTest {
  @Test
  void rls_noisyLinearData_recoversTheCoefficients() {
    Rls m = new Rls(new double[3], 0.999, 1e6);
    var random = new SplittableRandom(3);
    for (int i = 0; i < 5000; i++) {
      double[] x = {1, random.nextDouble(5), random.nextDouble(2)};
      double y = 20 + 60 * x[1] + 15 * x[2];
      m.update(x, y * (1 + 0.02 * (random.nextDouble() - 0.5)));
    }
    assertThat(m.predict(new double[] {1, 2, 1})).isCloseTo(155, withPercentage(2));
  }

  @Test
  void rls_constantInputForMillionsOfUpdates_staysFiniteAndAccurate() {
    // Unexcited directions would wind P up to infinity without the trace cap; a NaN model would then herd.
    Rls m = Rls.ttftPrior();
    double[] x = new double[Features.D];
    x[Features.BIAS] = 1;
    x[Features.OWN_KTOKENS] = 4;
    for (int i = 0; i < 1_000_000; i++) m.update(x, 50);
    assertThat(m.predict(x)).isCloseTo(50, withPercentage(1));
    for (double c : m.coefficients()) assertThat(c).isFinite();
  }

  @Test
  void ttftModel_superlinearPrefill_learnsTheAttentionTermAndPredictsLongPrompts() {
    // Synthetic engine: 12 ms fixed, 35 ms per 1,000 tokens, 12 ms per 10^7 attention pairs, 2% noise.
    Rls m = Rls.ttftPrior();
    var random = new SplittableRandom(5);
    double[] x = new double[Features.D];
    for (int i = 0; i < 3000; i++) {
      int prompt = 100 + random.nextInt(40_000);
      long uncached = random.nextBoolean() ? prompt : 1 + random.nextInt(prompt);
      fill(x, prompt, uncached);
      double y = truth(x);
      m.update(x, y * (1 + 0.02 * (random.nextDouble() - 0.5)));
    }
    fill(x, 60_000, 60_000); // longer than anything seen: the quadratic term must carry it
    assertThat(m.predict(x)).isCloseTo(truth(x), withPercentage(5));
    fill(x, 500, 500);
    assertThat(m.predict(x)).isCloseTo(truth(x), withPercentage(5));
  }

  private static void fill(double[] x, int prompt, long uncached) {
    java.util.Arrays.fill(x, 0);
    x[Features.BIAS] = 1;
    x[Features.OWN_KTOKENS] = uncached / 1000.0;
    x[Features.OWN_ATTENTION] = Features.attentionPairs(prompt, uncached) / Features.PAIRS_UNIT;
  }

  private static double truth(double[] x) {
    return 12 + 35 * x[Features.OWN_KTOKENS] + 12 * x[Features.OWN_ATTENTION];
  }

  @Test
  void tpotModel_noisyDecodeSteps_convergesToTheBatchAndContextCosts() {
    // Synthetic engine: TPOT = 6 ms + 3 ms per 16 decoding + 2.5 ms per 100k context tokens + 1 ms per 10k
    // queued prefill tokens + 4 ms x KV use, 5% noise.
    Rls m = Rls.tpotPrior();
    var random = new SplittableRandom(9);
    double[] x = new double[TpotFeatures.D];
    double[] w = {6, 3, 2.5, 1, 4};
    for (int i = 0; i < 4000; i++) {
      x[TpotFeatures.BIAS] = 1;
      x[TpotFeatures.DECODING_16] = (1 + random.nextInt(64)) / 16.0;
      x[TpotFeatures.CONTEXT_100KTOKENS] = random.nextDouble(4);
      x[TpotFeatures.PREFILL_10KTOKENS] = random.nextDouble(2);
      x[TpotFeatures.KV_USAGE] = random.nextDouble();
      m.update(x, dot(w, x) * (1 + 0.05 * (random.nextDouble() - 0.5)));
    }
    double[] probe = {1, 40 / 16.0, 2.0, 0.5, 0.6};
    assertThat(m.predict(probe)).isCloseTo(dot(w, probe), withPercentage(3));
    double[] c = m.coefficients();
    assertThat(c[TpotFeatures.DECODING_16]).isCloseTo(3, withPercentage(15));
    assertThat(c[TpotFeatures.CONTEXT_100KTOKENS]).isCloseTo(2.5, withPercentage(15));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
