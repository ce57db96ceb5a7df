package io.switchboard.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One upstream endpoint.
 *
 * @param id               unique name, shown in {@code x-switchboard-endpoint}, metrics and logs
 * @param baseUrl          e.g. {@code http://127.0.0.1:9000/v1}; request paths are appended after {@code /v1}
 * @param kind             the provider adapter; {@code openai} for now (the seam for Azure, Anthropic, ...)
 * @param apiKey           sent upstream as a bearer token; null for none
 * @param models           client-facing model name -> upstream model name; empty means "any, unchanged"
 * @param weight           share under weighted strategies
 * @param maxConcurrent    requests in flight at most
 * @param timeouts         connect, first byte, idle between chunks, total
 * @param failureTolerance when its circuit breaker opens and for how long
 * @param limits           its requests- and tokens-per-minute budget
 * @param healthCheck      the optional active health check; null for none
 * @param slowStart        how long a readmitted endpoint takes to ramp up to its full share; zero for at once
 * @param metrics          engine metrics scraping; null for none
 * @param contextWindow    prompt + output tokens the endpoint accepts; 0 when unknown (the {@code context-fit}
 *                         filter then keeps it)
 * @param labels           metadata the {@code labels} pipeline filter matches, e.g. {@code region: eu}
 * @param tls              the CAs an {@code https://} endpoint's certificate must chain to; null for the JDK's
 *                         default trust store
 */
public record EndpointConfig(String id, URI baseUrl, String kind, Secret apiKey, Map<String, String> models,
                             int weight, int maxConcurrent, Timeouts timeouts, FailureToleranceConfig failureTolerance,
                             UsageLimitsConfig limits, HealthCheckConfig healthCheck, Duration slowStart,
                             EngineMetricsConfig metrics, int contextWindow, Map<String, String> labels,
                             TlsConfig tls) {
  public static final Duration DEFAULT_SLOW_START = Duration.ofSeconds(30);

  public EndpointConfig {
    models = Map.copyOf(models);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** An endpoint verified by the JDK's default trust store (or plain http). */
  public EndpointConfig(String id, URI baseUrl, String kind, Secret apiKey, Map<String, String> models, int weight,
                        int maxConcurrent, Timeouts timeouts, FailureToleranceConfig failureTolerance,
                        UsageLimitsConfig limits, HealthCheckConfig healthCheck, Duration slowStart,
                        EngineMetricsConfig metrics, int contextWindow, Map<String, String> labels) {
    this(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance, limits, healthCheck,
        slowStart, metrics, contextWindow, labels, null);
  }

  /** An endpoint without engine scraping, context window or labels. */
  public EndpointConfig(String id, URI baseUrl, String kind, Secret apiKey, Map<String, String> models, int weight,
                        int maxConcurrent, Timeouts timeouts, FailureToleranceConfig failureTolerance,
                        UsageLimitsConfig limits, HealthCheckConfig healthCheck, Duration slowStart) {
    this(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance, limits, healthCheck,
        slowStart, null, 0, Map.of());
  }

  /** An endpoint with the default failure tolerance, no usage limits, no health check, default slow start. */
  public EndpointConfig(String id, URI baseUrl, String kind, Secret apiKey, Map<String, String> models, int weight,
                        int maxConcurrent, Timeouts timeouts) {
    this(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, FailureToleranceConfig.DEFAULT,
        UsageLimitsConfig.NONE, null, DEFAULT_SLOW_START);
  }

  /** The upstream name for a client-facing model, or the client's name unchanged when not mapped. */
  public String upstreamModel(String clientModel) { return models.getOrDefault(clientModel, clientModel); }

  public EndpointConfig withFailureTolerance(FailureToleranceConfig f) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, f, limits,
        healthCheck, slowStart, metrics, contextWindow, labels, tls);
  }

  public EndpointConfig withLimits(UsageLimitsConfig l) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance, l,
        healthCheck, slowStart, metrics, contextWindow, labels, tls);
  }

  public EndpointConfig withHealthCheck(HealthCheckConfig h) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance,
        limits, h, slowStart, metrics, contextWindow, labels, tls);
  }

  public EndpointConfig withSlowStart(Duration d) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance,
        limits, healthCheck, d, metrics, contextWindow, labels, tls);
  }

  public EndpointConfig withMetrics(EngineMetricsConfig m) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance,
        limits, healthCheck, slowStart, m, contextWindow, labels, tls);
  }

  public EndpointConfig withTls(TlsConfig t) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance,
        limits, healthCheck, slowStart, metrics, contextWindow, labels, t);
  }

  public EndpointConfig withProfile(int window, Map<String, String> newLabels) {
    return new EndpointConfig(id, baseUrl, kind, apiKey, models, weight, maxConcurrent, timeouts, failureTolerance,
        limits, healthCheck, slowStart, metrics, window, newLabels, tls);
  }
}
