package io.switchboard.core.resilience;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Parsers for the rate-limit headers providers send. Every parser returns {@link #ABSENT} (-1) for a
 * missing or malformed value rather than throwing: a provider's odd header must never fail a request.
 *
 * <ul>
 *   <li>{@code Retry-After} (RFC 9110 10.2.3): delay-seconds ({@code "2"}; fractions accepted) or an
 *       HTTP-date ({@code "Wed, 21 Oct 2015 07:28:00 GMT"}), turned into a delay with an injected
 *       epoch-millis clock.</li>
 *   <li>{@code retry-after-ms} (OpenAI, Azure OpenAI): milliseconds, fractions accepted.</li>
 *   <li>{@code x-ratelimit-reset-requests} / {@code -tokens} (OpenAI): a Go duration such as {@code "1s"},
 *       {@code "6m0s"}, {@code "20ms"}, {@code "1h2m3.5s"}; a bare number is read as seconds.</li>
 *   <li>{@code x-ratelimit-limit-*} / {@code x-ratelimit-remaining-*}: non-negative integers.</li>
 *   <li>{@code anthropic-ratelimit-requests-*} / {@code anthropic-ratelimit-tokens-*} (Anthropic): {@code -limit}
 *       and {@code -remaining} integers, {@code -reset} an RFC 3339 timestamp ({@code "2025-01-01T12:00:30Z"})
 *       turned into a delay with the same epoch-millis clock.</li>
 * </ul>
 *
 * <p>Header lookups are {@code Function<String, String>} so the core stays free of any HTTP library; names
 * are passed in lower case and the lookup must ignore case (Vert.x's {@code MultiMap} does).
 */
public final class RateLimitHeaders {
  public static final long ABSENT = -1L;

  /** A lookup that finds nothing: for a response known to carry none of the headers read here. */
  public static final Function<String, String> NONE = name -> null;

  /**
   * Whether a response header named {@code name} (any case) is one these parsers read, so a caller that walks
   * a response's headers anyway can tell a response without any ({@link #NONE} then answers every lookup).
   */
  public static boolean isRead(String name) {
    return startsWithIgnoreCase(name, "x-ratelimit-") || startsWithIgnoreCase(name, "anthropic-ratelimit-")
        || name.equalsIgnoreCase(RETRY_AFTER) || name.equalsIgnoreCase(RETRY_AFTER_MS);
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  public static final String RETRY_AFTER = "retry-after";
  public static final String RETRY_AFTER_MS = "retry-after-ms";
  public static final String LIMIT_REQUESTS = "x-ratelimit-limit-requests";
  public static final String LIMIT_TOKENS = "x-ratelimit-limit-tokens";
  public static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
  public static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
  public static final String RESET_REQUESTS = "x-ratelimit-reset-requests";
  public static final String RESET_TOKENS = "x-ratelimit-reset-tokens";

  public static final String ANTHROPIC_LIMIT_REQUESTS = "anthropic-ratelimit-requests-limit";
  public static final String ANTHROPIC_LIMIT_TOKENS = "anthropic-ratelimit-tokens-limit";
  public static final String ANTHROPIC_REMAINING_REQUESTS = "anthropic-ratelimit-requests-remaining";
  public static final String ANTHROPIC_REMAINING_TOKENS = "anthropic-ratelimit-tokens-remaining";
  public static final String ANTHROPIC_RESET_REQUESTS = "anthropic-ratelimit-requests-reset";
  public static final String ANTHROPIC_RESET_TOKENS = "anthropic-ratelimit-tokens-reset";

  private static final long NANOS_PER_MS = 1_000_000L;
  private static final long NANOS_PER_S = 1_000_000_000L;

  private RateLimitHeaders() {}

  /**
   * The longest wait any of the response's headers asks for, in nanos; {@link #ABSENT} when none does.
   * Anthropic's reset times say when a budget is full again, not when one request fits, so one counts only
   * when its dimension has nothing left (or does not say).
   */
  public static long cooldownHintNanos(Function<String, String> headers, LongSupplier epochMillis) {
    long hint = retryAfterNanos(headers.apply(RETRY_AFTER), epochMillis);
    hint = Math.max(hint, millisNanos(headers.apply(RETRY_AFTER_MS)));
    hint = Math.max(hint, durationNanos(headers.apply(RESET_REQUESTS)));
    hint = Math.max(hint, durationNanos(headers.apply(RESET_TOKENS)));
    hint = Math.max(hint, exhaustedResetNanos(headers, ANTHROPIC_REMAINING_REQUESTS, ANTHROPIC_RESET_REQUESTS, epochMillis));
    return Math.max(hint, exhaustedResetNanos(headers, ANTHROPIC_REMAINING_TOKENS, ANTHROPIC_RESET_TOKENS, epochMillis));
  }

  private static long exhaustedResetNanos(Function<String, String> headers, String remaining, String reset,
                                          LongSupplier epochMillis) {
    String at = headers.apply(reset);
    if (at == null) return ABSENT;
    return count(headers.apply(remaining)) > 0 ? ABSENT : timestampNanos(at, epochMillis);
  }

  /**
   * An RFC 3339 timestamp ({@code "2025-01-01T12:00:30Z"}, {@code "2025-01-01T12:00:30.5+01:00"}) as a delay
   * from now in nanos (0 if already past).
   */
  public static long timestampNanos(String value, LongSupplier epochMillis) {
    if (value == null || value.isBlank()) return ABSENT;
    try {
      long at = OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - epochMillis.getAsLong()) * NANOS_PER_MS;
    } catch (DateTimeParseException | ArithmeticException e) {
      return ABSENT;
    }
  }

  /** {@code Retry-After} as a delay in nanos: seconds, or an HTTP-date minus now (0 if already past). */
  public static long retryAfterNanos(String value, LongSupplier epochMillis) {
    if (value == null || value.isBlank()) return ABSENT;
    String v = value.strip();
    if (Character.isDigit(v.charAt(0)) || v.charAt(0) == '.') return scaled(v, NANOS_PER_S);
    try {
      long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - epochMillis.getAsLong()) * NANOS_PER_MS;
    } catch (DateTimeParseException e) {
      return ABSENT;
    }
  }

  /** {@code retry-after-ms}: milliseconds as nanos. */
  public static long millisNanos(String value) {
    return value == null || value.isBlank() ? ABSENT : scaled(value.strip(), NANOS_PER_MS);
  }

  /**
   * A Go-style duration ({@code "1h2m3.5s"}, {@code "6m0s"}, {@code "20ms"}, {@code "150us"}) or a bare
   * number of seconds, as nanos.
   */
  public static long durationNanos(String value) {
    if (value == null || value.isBlank()) return ABSENT;
    String v = value.strip();
    if (isNumber(v)) return scaled(v, NANOS_PER_S);
    long total = 0;
    int i = 0;
    while (i < v.length()) {
      int numStart = i;
      while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) i++;
      int unitStart = i;
      while (i < v.length() && !Character.isDigit(v.charAt(i)) && v.charAt(i) != '.') i++;
      if (numStart == unitStart || unitStart == i) return ABSENT;
      long unit = unitNanos(v.substring(unitStart, i));
      long part = unit < 0 ? ABSENT : scaled(v.substring(numStart, unitStart), unit);
      if (part < 0) return ABSENT;
      total = saturatedAdd(total, part);
    }
    return total;
  }

  /** A non-negative integer count ({@code x-ratelimit-limit-*}, {@code -remaining-*}). */
  public static long count(String value) {
    if (value == null || value.isBlank()) return ABSENT;
    try {
      long n = Long.parseLong(value.strip());
      return n < 0 ? ABSENT : n;
    } catch (NumberFormatException e) {
      return ABSENT;
    }
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "h" -> 3600 * NANOS_PER_S;
      case "m" -> 60 * NANOS_PER_S;
      case "s" -> NANOS_PER_S;
      case "ms" -> NANOS_PER_MS;
      case "us", "µs", "μs" -> 1_000L;
      case "ns" -> 1L;
      default -> ABSENT;
    };
  }

  private static boolean isNumber(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Character.isDigit(c) && c != '.') return false;
    }
    return true;
  }

  /** {@code number * unitNanos} to the nearest nano, saturating; ABSENT unless digits with at most one dot. */
  private static long scaled(String number, long unitNanos) {
    int dots = 0;
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c == '.') dots++;
      else if (c < '0' || c > '9') return ABSENT;
    }
    if (dots > 1 || number.length() == dots) return ABSENT;
    double nanos = Double.parseDouble(number) * unitNanos;
    return nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : Math.round(nanos);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 || r > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : r;
  }
}
