package io.switchboard.gateway.config.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the scalar forms the config accepts. Each returns null for text it does not understand. */
public final class Values {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]i?b|b)?", Pattern.CASE_INSENSITIVE);
  private static final Map<String, Long> SIZE_UNITS = Map.of(
      "b", 1L, "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
      "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);

  private Values() {}

  /**
   * {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}, {@code 1d}, combinations such as
   * {@code 1m30s}, {@code 0}, or ISO-8601 ({@code PT30S}).
   */
  public static Duration duration(String text) {
    String s = text.strip();
    if (s.equals("0")) return Duration.ZERO;
    if (s.startsWith("PT") || s.startsWith("P")) {
      try {
        return Duration.parse(s);
      } catch (RuntimeException e) {
        return null;
      }
    }
    Matcher m = DURATION_PART.matcher(s);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      BigDecimal n = new BigDecimal(m.group(1));
      long unitNanos = switch (m.group(2)) {
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> 86_400_000_000_000L;
      };
      try {
        nanos = Math.addExact(nanos, n.multiply(BigDecimal.valueOf(unitNanos)).longValueExact());
      } catch (ArithmeticException e) {
        return null;
      }
      end = m.end();
    }
    return end == s.length() && end > 0 ? Duration.ofNanos(nanos) : null;
  }

  /** A byte count: {@code 4194304}, {@code 4MiB}, {@code 512KiB}, {@code 1GB} (SI) or {@code 10b}. */
  public static Long bytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) return null;
    long unit = m.group(2) == null ? 1L : SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
    try {
      return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** How a duration reads back in messages: {@code 30s}, {@code 500ms}. */
  public static String format(Duration d) {
    if (d.toNanosPart() == 0 && d.toMillis() % 1000 == 0) return d.toSeconds() + "s";
    return d.toMillis() + "ms";
  }
}
