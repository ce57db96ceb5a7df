package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void untrained_usesFourBytesPerToken_andTheStartingAnswerLength_cappedByMaxTokens() {
    TokenEstimator t = TokenEstimator.defaults();
    assertThat(t.promptTokens(4000)).isEqualTo(1000);
    assertThat(t.promptTokens(0)).isEqualTo(1);
    assertThat(t.outputTokens(-1)).isEqualTo(256);
    assertThat(t.outputTokens(100)).isEqualTo(100);
    assertThat(t.outputTokens(4096)).isEqualTo(256);
    assertThat(t.outputTokens(0)).isZero();
  }

  @Test
  void promptRatio_isLearnedFromReportedUsage_andFollowsADrift() {
    TokenEstimator t = TokenEstimator.defaults();
    for (int i = 0; i < 1000; i++) t.observe(3000, 1000, -1, -1);
    assertThat(t.bytesPerToken()).isCloseTo(3.0, within(0.02));
    assertThat(t.promptTokens(6000)).isCloseTo(2000, within(15));
    for (int i = 0; i < 2000; i++) t.observe(2000, 1000, -1, -1);
    assertThat(t.bytesPerToken()).isCloseTo(2.0, within(0.02));
  }

  @Test
  void promptRatio_weighsLongPromptsMost() {
    TokenEstimator t = TokenEstimator.defaults();
    // Many short requests that are mostly JSON framing, a few long ones that are mostly text.
    for (int i = 0; i < 1000; i++) {
      t.observe(200, 20, -1, -1);
      if (i % 10 == 0) t.observe(40_000, 10_000, -1, -1);
    }
    // 100 x 40 KB at 4 B/token against 1000 x 200 B at 10 B/token: the sums give ~4.2, a mean of ratios ~9.5.
    assertThat(t.bytesPerToken()).isCloseTo(4.2, within(0.2));
  }

  @Test
  void exactPromptSizes_teachTheRatioNothing() {
    TokenEstimator t = TokenEstimator.defaults();
    for (int i = 0; i < 500; i++) t.observe(0, 1000, 10, -1);
    assertThat(t.bytesPerToken()).isEqualTo(4.0);
    assertThat(t.meanOutputTokens()).isCloseTo(10, within(1.0));
  }

  @Test
  void outputTokens_isTheExpectationOfTheLearnedLengthsCappedByMaxTokens() {
    TokenEstimator t = TokenEstimator.defaults();
    for (int i = 0; i < 2000; i++) t.observe(0, -1, i % 2 == 0 ? 10 : 1000, -1);
    assertThat(t.meanOutputTokens()).isCloseTo(505, within(3.0));
    assertThat(t.outputTokens(-1)).isCloseTo(505, within(3));
    assertThat(t.outputTokens(100)).isCloseTo(55, within(2));   // (10 + 100) / 2
    assertThat(t.outputTokens(8000)).isCloseTo(505, within(3));
    assertThat(t.outputTokens(5)).isEqualTo(5);
  }

  @Test
  void answersThatRunIntoTheirCap_areCensored_andExpectedToRunIntoItAgain() {
    TokenEstimator t = TokenEstimator.defaults();
    // A benchmark forcing exact lengths (ignore_eos): every answer is as long as its max_tokens.
    for (int i = 0; i < 500; i++) t.observe(0, -1, 100, 100);
    assertThat(t.cappedShare(100)).isGreaterThan(0.99);
    assertThat(t.outputTokens(100)).isEqualTo(100);
    assertThat(t.meanOutputTokens()).isEqualTo(256.0); // no answer ended on its own: nothing learned of lengths
  }

  @Test
  void tightAndGenerousCaps_areToldApartByTheCapsBucket() {
    TokenEstimator t = TokenEstimator.defaults();
    for (int i = 0; i < 1000; i++) {
      t.observe(0, -1, 50, 50);     // a client that caps at 50 and always hits it
      t.observe(0, -1, 150, 4096);  // one with a generous cap, whose answers end on their own at 150
    }
    assertThat(t.outputTokens(50)).isEqualTo(50);
    assertThat(t.outputTokens(4096)).isCloseTo(150, within(2)); // not the 100 that mixing both lengths would give
    assertThat(t.outputTokens(-1)).isCloseTo(150, within(2));
  }

  @Test
  void timedObservations_areThinnedToOnePerMillisecond() {
    TokenEstimator t = TokenEstimator.defaults();
    long ms = 1_000_000;
    for (int i = 0; i < 2000; i++) t.observe(0, -1, 10, -1, i * ms);       // one a millisecond: every one learned
    assertThat(t.meanOutputTokens()).isCloseTo(10, within(0.1));
    long at = 2000 * ms;
    for (int i = 0; i < 2000; i++) t.observe(0, -1, 1000, -1, at + i * 1_000); // a thousand a millisecond
    // 2 ms of them: 2 or 3 answers learned, not 2,000 (which would have moved the mean to ~1,000).
    assertThat(t.meanOutputTokens()).isBetween(10.0, 25.0);
  }

  @Test
  void bucketsSplitAtPowersOfTwo() {
    assertThat(TokenEstimator.bucket(0)).isZero();
    assertThat(TokenEstimator.bucket(1)).isEqualTo(1);
    assertThat(TokenEstimator.bucket(2)).isEqualTo(2);
    assertThat(TokenEstimator.bucket(3)).isEqualTo(2);
    assertThat(TokenEstimator.bucket(1024)).isEqualTo(11);
    assertThat(TokenEstimator.bucket(Integer.MAX_VALUE)).isEqualTo(TokenEstimator.BUCKETS - 1);
  }

  @Test
  void badStartingValues_areRefused() {
    assertThatThrownBy(() -> new TokenEstimator(0, 10)).hasMessageContaining("bytesPerToken");
    assertThatThrownBy(() -> new TokenEstimator(4, -1)).hasMessageContaining("outputTokens");
  }
}
