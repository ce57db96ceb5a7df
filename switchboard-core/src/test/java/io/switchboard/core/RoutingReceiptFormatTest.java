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

  private static RoutingReceipt receipt(String pick) {
    return new RoutingReceipt("smart", java.util.List.of(pick, "b"), 0, java.util.List.of("load"),
        new double[][] {{0.75, 0.25}}, new double[] {0.75, 0.25}, 0, RoutingReceipt.Reason.BEST_SCORE, 12.5);
  }

  @Test
  void compactAscii_isTheCompactTextAsBytes_keptAcrossCalls_andNullWhenNotAscii() {
    RoutingReceipt r = receipt("a");
    assertThat(new String(r.compactAscii(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(r.compact()).isEqualTo("smart pick=a reason=best of=2 load=0.75 ttft_pred_ms=12.50");
    assertThat(r.compactAscii()).isSameAs(r.compactAscii());
    assertThat(r.compact()).isSameAs(r.compact());
    assertThat(r.full()).isSameAs(r.full()).startsWith(r.compact() + " filtered_out=0 [a total=0.75 load=0.75; b ");
    assertThat(receipt("gpu-é").compactAscii()).isNull();
  }
}
