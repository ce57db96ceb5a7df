package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RoutingReceiptFormatTest {
  @Test
  void fixed2_writesWhatPercentPointTwoFWould_forScoresAndMilliseconds() {
    double[] values = {0, 1, 0.5, 0.125, 0.999, 0.87, 41.2, 1234.5678, 3.14159, 0.07, 0.004};
    for (double v : values) {
      assertThat(RoutingReceipt.fixed2(new StringBuilder(), v).toString())
          .as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
    }
    assertThat(RoutingReceipt.fixed2(new StringBuilder(), -2.5).toString()).isEqualTo("-2.50");
    assertThat(RoutingReceipt.fixed2(new StringBuilder(), Double.NaN).toString()).isEqualTo("NaN");
  }
}
