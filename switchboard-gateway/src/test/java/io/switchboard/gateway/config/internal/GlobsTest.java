package io.switchboard.gateway.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobsTest {
  @ParameterizedTest
  @CsvSource({
      "*, fb-*, true", "fb-*, fb-llama-*, true", "fb-*, fb-*, true", "fb-?, fb-x, true",
      "fb-?, fb-?, true",
      // a ? stands for one character, b's * for any number: a does not cover b
      "a?c, a*c, false",
      "fb-llama-*, fb-*, false", "*x*, *, false", "fb-*, gb-*, false"})
  void covers_isTrueOnlyWhenEveryNameOfBMatchesA(String a, String b, boolean expected) {
    assertThat(Globs.covers(a, b)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"fb-*, fb-llama, true", "fb-?, fb-1, true", "fb-?, fb-12, false", "a.b*, axb, false"})
  void matches_readsStarAndQuestionMarkOnly(String glob, String name, boolean expected) {
    assertThat(Globs.matches(glob, name)).isEqualTo(expected);
  }
}
