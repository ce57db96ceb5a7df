package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * Upstream timeouts. {@code firstByte} runs from sending the request to the response headers (for
 * streams, to the first event); {@code idle} is the longest gap between stream chunks; {@code total}
 * bounds the whole exchange.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(10));
}
