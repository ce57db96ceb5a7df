package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * Scraping an engine's Prometheus {@code /metrics} (vLLM, SGLang) for its running and waiting requests and KV
 * cache use, which the {@code engine-state} scorer and {@code vllm-dp} strategy read.
 *
 * @param path     on the URL's host and port, not under {@code /v1}
 * @param interval between scrapes
 * @param timeout  a scrape slower than this fails; the last snapshot is kept and ages
 */
public record EngineMetricsConfig(String path, Duration interval, Duration timeout) {
  public static final String DEFAULT_PATH = "/metrics";
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
}
