package io.switchboard.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalsTest {
  /** Mean and coefficient of variation of n gaps at 20 req/s. */
  private static double[] stats(Arrivals a, int n, long seed) {
    var random = new SplittableRandom(seed);
    double sum = 0, sq = 0;
    for (int i = 0; i < n; i++) {
      double g = a.nextGapSeconds(20, random);
      sum += g;
      sq += g * g;
    }
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(sq / n - mean * mean) / mean};
  }

  @Test
  void poisson_gapsHaveMeanOneOverRate_andCvOne() {
    double[] s = stats(Arrivals.poisson(), 50_000, 1);
    // Standard error of the mean is 1/sqrt(n) = 0.45% of it; 2% is over four of them.
    assertThat(s[0]).isCloseTo(0.05, org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(s[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void gamma_keepsTheMean_andHasTheRequestedCv() {
    for (double cv : new double[] {0.5, 2, 4}) {
      double[] s = stats(Arrivals.gamma(cv), 200_000, 2);
      assertThat(s[0]).as("mean at cv %s", cv).isCloseTo(0.05, org.assertj.core.data.Percentage.withPercentage(4 * cv));
      assertThat(s[1]).as("cv at cv %s", cv).isCloseTo(cv, org.assertj.core.data.Percentage.withPercentage(8));
    }
  }

  @Test
  void workloadStream_poissonArrivals_matchTheRequestedRate() {
    Workload w = Workloads.parse("sharegpt:poisson:rate=20", Workloads.tracesDir(null));
    long last = 0;
    int n = 0;
    try (RequestStream s = w.open(9, 1, 20_000)) {
      for (TraceRequest r; (r = s.next()) != null; n++) last = r.arrivalNanos();
    }
    assertThat(n / (last / 1e9)).isCloseTo(20.0, org.assertj.core.data.Percentage.withPercentage(3));
  }
}
