package io.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.switchboard.core.pipeline.internal.Features;
import io.switchboard.core.pipeline.internal.Rls;
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
}
