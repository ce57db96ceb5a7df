package io.switchboard.gateway.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {
  @ParameterizedTest
  @CsvSource({
      "500ms, PT0.5S", "2s, PT2S", "1.5s, PT1.5S", "1m, PT1M", "1h, PT1H", "1d, PT24H", "1m30s, PT1M30S",
      "0, PT0S", "PT30S, PT30S"})
  void duration_acceptedForms_parse(String text, String iso) {
    assertThat(Values.duration(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource({"30", "s", "5 s", "1x", "1s2", "-1s", "''"})
  void duration_withoutAUnitOrMalformed_isNull(String text) {
    assertThat(Values.duration(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"4194304, 4194304", "4MiB, 4194304", "4mib, 4194304", "512KiB, 524288", "1GB, 1000000000",
      "10b, 10", "1.5KiB, 1536"})
  void bytes_acceptedForms_parse(String text, long expected) {
    assertThat(Values.bytes(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"4 lots", "MiB", "-1", "0.5b"})
  void bytes_malformedOrFractionalBytes_isNull(String text) {
    assertThat(Values.bytes(text)).isNull();
  }
}
