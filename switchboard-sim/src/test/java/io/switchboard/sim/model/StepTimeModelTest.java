package io.switchboard.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepTimeModelTest {

  private static StepTimeModel model(String gpu) {
    return new StepTimeModel(GpuProfiles.builtIn().get(gpu));
  }

  /** The "Test vectors" table of docs/simulator-model.md, 0.1 ms tolerance. */
  @ParameterizedTest(name = "{0} {1} {2} -> {3} ms")
  @CsvSource({
      "h100,    prefill, 1024,  0, 25.2",
      "h100,    prefill, 4096,  0, 105.8",
      "h100,    prefill, 16384, 0, 528.8",
      "h100,    decode,  1,   512, 6.54",
      "h100,    decode,  64, 2048, 17.07",
      "h100,    decode,  256, 8192, 171.91",
      "a100-80, prefill, 1024,  0, 78.6",
      "a100-80, decode,  1,   512, 10.42",
      "a100-80, decode,  64, 2048, 27.52",
  })
  void stepTime_docTestVector_matchesWithinTenthOfMillisecond(String gpu, String kind, int size, int context,
                                                               double expectedMs) {
    StepTimeModel model = model(gpu);
    double seconds = kind.equals("prefill") ? model.prefillAloneSeconds(size) : model.decodeStepSeconds(size, context);
    assertThat(seconds * 1e3).isCloseTo(expectedMs, within(0.1));
  }

  @Test
  void decodeBatchOne_h100_anchorsAtMeasuredTpot() {
    // Measured 6.48 ms TPOT at concurrency 1.
    assertThat(model("h100").decodeStepSeconds(1, 600) * 1e3).isCloseTo(6.5, withinPercentage(10));
  }

  @Test
  void decodeBatchOne_a100_40_anchorsAtMeasuredTpot() {
    // Measured ~13.3 ms; the A100-40GB has less bandwidth than the 80 GB card.
    assertThat(model("a100-40").decodeStepSeconds(1, 600) * 1e3).isCloseTo(13.5, withinPercentage(10));
  }

  @Test
  void shortPromptTtft_idleH100_anchorsAtFourteenMilliseconds() {
    StepTimeModel model = model("h100");
    double ttft = model.prefillAloneSeconds(100) + model.profile().calibration().apiOverheadSeconds();
    assertThat(ttft * 1e3).isCloseTo(14, withinPercentage(10));
  }

  @ParameterizedTest(name = "h100 prefill {0} -> ~{1} ms")
  @CsvSource({"1024, 25", "4096, 106", "8192, 229"})
  void prefillAlone_h100_anchorsAtMeasuredTimes(int tokens, double expectedMs) {
    assertThat(model("h100").prefillAloneSeconds(tokens) * 1e3).isCloseTo(expectedMs, withinPercentage(10));
  }

  @Test
  void prefillAlone_a100_anchorsAtVidurKernelSum() {
    assertThat(model("a100-80").prefillAloneSeconds(1024) * 1e3).isCloseTo(79, withinPercentage(10));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"h100", "a100-80", "a100-40"})
  void decodeGrowth_batchOneToSixtyFourAt640Context_staysInMeasuredBand(String gpu) {
    StepTimeModel model = model(gpu);
    double growth = model.decodeStepSeconds(64, 640) / model.decodeStepSeconds(1, 640);
    assertThat(growth).isBetween(1.4, 1.7);
  }

  @Test
  void longPrefill_isChunkedAtTokenBudget_andLaterChunksPayForEarlierContext() {
    StepTimeModel model = model("h100");
    double first = model.stepSeconds(1, 8192, StepTimeModel.prefillPairs(0, 8192), 0);
    double second = model.stepSeconds(1, 8192, StepTimeModel.prefillPairs(8192, 8192), 0);
    // The second chunk attends to the first chunk's 8192 tokens as well as its own.
    assertThat(second).isGreaterThan(first);
    assertThat(model.prefillAloneSeconds(16384)).isCloseTo(first + second, within(1e-12));
  }

  @Test
  void smallBatch_isBoundByWeightStreaming_notByCompute() {
    StepTimeModel model = model("h100");
    // 1 and 100 tokens both take the weight-read time: the linear term is flat below the roofline knee.
    assertThat(model.stepSeconds(1, 100, 0, 0) - model.stepSeconds(1, 1, 0, 0)).isCloseTo(0, within(1e-12));
  }

  @Test
  void toNanos_roundsAndNeverReturnsZero() {
    assertThat(StepTimeModel.toNanos(6.5e-3)).isEqualTo(6_500_000);
    assertThat(StepTimeModel.toNanos(0)).isEqualTo(1);
  }
}
