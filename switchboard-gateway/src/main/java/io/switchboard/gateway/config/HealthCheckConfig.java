package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * An optional active health check: {@code GET url-origin + path} every {@code interval}. An endpoint
 * that fails {@code unhealthyThreshold} checks in a row is taken out of rotation (its breaker is forced
 * open); after {@code healthyThreshold} passing checks in a row it is readmitted with slow start.
 *
 * @param path               e.g. {@code /health} (vLLM, the simulator) or {@code /v1/models}; relative to the
 *                           URL's host and port, not to its {@code /v1} path
 * @param interval           time between checks
 * @param timeout            a check that takes longer fails
 * @param healthyThreshold   passing checks in a row that readmit an endpoint
 * @param unhealthyThreshold failing checks in a row that eject it
 */
public record HealthCheckConfig(String path, Duration interval, Duration timeout, int healthyThreshold,
                                int unhealthyThreshold) {
  public static final String DEFAULT_PATH = "/health";
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
  public static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
}
