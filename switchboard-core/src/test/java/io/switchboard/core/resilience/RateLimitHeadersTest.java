package io.switchboard.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitHeadersTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  /** 2015-10-21T07:28:00Z, the RFC's example date, as wall-clock millis. */
  private static final long RFC_EXAMPLE_EPOCH_MS = 1_445_412_480_000L;

  @ParameterizedTest(name = "duration \"{0}\" = {1} ns")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      1s          | 1000000000
      6m0s        | 360000000000
      20ms        | 20000000
      1h2m3.5s    | 3723500000000
      0s          | 0
      0.5s        | 500000000
      150us       | 150000
      150µs       | 150000
      7ns         | 7
      2m30s       | 150000000000
      1.5         | 1500000000
      ' 3s '      | 3000000000
      42          | 42000000000
      null        | -1
      ''          | -1
      s           | -1
      5           | 5000000000
      5x          | -1
      1.2.3s      | -1
      -1s         | -1
      1h-2m       | -1
      abc         | -1
      """)
  void durationNanos_parsesOpenAiResetFormats(String value, long expected) {
    assertThat(RateLimitHeaders.durationNanos(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Retry-After \"{0}\" = {1} ns")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      2                              | 2000000000
      0                              | 0
      1.5                            | 1500000000
      120                            | 120000000000
      'Wed, 21 Oct 2015 07:28:30 GMT' | 30000000000
      'Wed, 21 Oct 2015 07:27:00 GMT' | 0
      'Wed, 21 Oct 2015 07:28:00 GMT' | 0
      'not a date'                    | -1
      -5                              | -1
      null                            | -1
      """)
  void retryAfterNanos_acceptsSecondsAndHttpDates(String value, long expected) {
    assertThat(RateLimitHeaders.retryAfterNanos(value, () -> RFC_EXAMPLE_EPOCH_MS)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "retry-after-ms \"{0}\" = {1} ns")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      250     | 250000000
      0.5     | 500000
      1500.25 | 1500250000
      x       | -1
      null    | -1
      """)
  void millisNanos_parsesRetryAfterMs(String value, long expected) {
    assertThat(RateLimitHeaders.millisNanos(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "count \"{0}\" = {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      10000   | 10000
      0       | 0
      ' 59 '  | 59
      -3      | -1
      12.5    | -1
      null    | -1
      """)
  void count_parsesLimitAndRemaining(String value, long expected) {
    assertThat(RateLimitHeaders.count(value)).isEqualTo(expected);
  }

  @Test
  void cooldownHint_isTheLongestOfAllHints() {
    var h = headers(Map.of("Retry-After", "2", "retry-after-ms", "1500",
        "x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6.5s"));
    assertThat(RateLimitHeaders.cooldownHintNanos(h, () -> 0L)).isEqualTo(6_500 * MS);
  }

  @Test
  void cooldownHint_retryAfterMsMoreThanRetryAfter_wins() {
    var h = headers(Map.of("Retry-After", "1", "retry-after-ms", "1200"));
    assertThat(RateLimitHeaders.cooldownHintNanos(h, () -> 0L)).isEqualTo(1_200 * MS);
  }

  @Test
  void cooldownHint_noHeaders_isAbsent() {
    assertThat(RateLimitHeaders.cooldownHintNanos(headers(Map.of()), () -> 0L)).isEqualTo(RateLimitHeaders.ABSENT);
    assertThat(RateLimitHeaders.cooldownHintNanos(headers(Map.of("retry-after", "soon")), () -> 0L))
        .as("a malformed hint is as good as none").isEqualTo(RateLimitHeaders.ABSENT);
    assertThat(RateLimitHeaders.cooldownHintNanos(headers(Map.of("retry-after", "3")), () -> 0L)).isEqualTo(3 * S);
  }

  @ParameterizedTest(name = "timestamp \"{0}\" = {1} ns after the RFC example date")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      2015-10-21T07:28:30Z          | 30000000000
      2015-10-21T07:28:00.250Z      | 250000000
      2015-10-21T09:28:05+02:00     | 5000000000
      2015-10-21T07:27:00Z          | 0
      2015-10-21 07:28:30           | -1
      tomorrow                      | -1
      null                          | -1
      """)
  void timestamp_rfc3339_isTheDelayFromTheWallClock(String value, long nanos) {
    assertThat(RateLimitHeaders.timestampNanos(value, () -> RFC_EXAMPLE_EPOCH_MS)).isEqualTo(nanos);
  }

  @Test
  void cooldownHint_anthropicReset_countsOnlyForAnExhaustedDimension() {
    var tokensOut = headers(Map.of(
        "anthropic-ratelimit-requests-remaining", "40", "anthropic-ratelimit-requests-reset", "2015-10-21T07:29:00Z",
        "anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset", "2015-10-21T07:28:12Z"));
    // Requests are left, so their (later) full-replenish time is no reason to rest; tokens are not.
    assertThat(RateLimitHeaders.cooldownHintNanos(tokensOut, () -> RFC_EXAMPLE_EPOCH_MS)).isEqualTo(12 * S);
    var silent = headers(Map.of("anthropic-ratelimit-requests-reset", "2015-10-21T07:28:03Z"));
    assertThat(RateLimitHeaders.cooldownHintNanos(silent, () -> RFC_EXAMPLE_EPOCH_MS)).isEqualTo(3 * S);
    var withRetryAfter = headers(Map.of("retry-after", "20",
        "anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset", "2015-10-21T07:28:12Z"));
    assertThat(RateLimitHeaders.cooldownHintNanos(withRetryAfter, () -> RFC_EXAMPLE_EPOCH_MS)).isEqualTo(20 * S);
  }

  /** A case-insensitive lookup, as Vert.x's MultiMap is. */
  static Function<String, String> headers(Map<String, String> map) {
    var m = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(map);
    return m::get;
  }

  @Test
  void isRead_knowsEveryHeaderTheParsersRead_inAnyCase_andNothingElse() {
    for (String h : new String[] {"Retry-After", "retry-after-ms", "X-RateLimit-Remaining-Requests",
        "x-ratelimit-reset-tokens", "anthropic-ratelimit-tokens-reset", "Anthropic-RateLimit-Requests-Limit"}) {
      assertThat(RateLimitHeaders.isRead(h)).as(h).isTrue();
    }
    for (String h : new String[] {"content-type", "content-length", "x-request-id", "retry", "x-ratelimit",
        "anthropic-version"}) {
      assertThat(RateLimitHeaders.isRead(h)).as(h).isFalse();
    }
    assertThat(RateLimitHeaders.NONE.apply(RateLimitHeaders.RETRY_AFTER)).isNull();
  }
}
