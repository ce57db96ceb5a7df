package io.switchboard.gateway.config;

import java.net.URI;
import java.util.Map;

/**
 * One upstream endpoint.
 *
 * @param id             unique name, shown in {@code x-switchboard-endpoint}, metrics and logs
 * @param baseUrl        e.g. {@code http://127.0.0.1:9000/v1}; request paths are appended after {@code /v1}
 * @param kind           the provider adapter; {@code openai} for now (the seam for Azure, Anthropic, ...)
 * @param apiKey         sent upstream as a bearer token; null for none
 * @param models         client-facing model name -> upstream model name; empty means "any, unchanged"
 * @param weight         share under weighted strategies
 * @param maxConcurrent  requests in flight at most
 * @param timeouts       connect, first byte, idle between chunks, total
 */
public record EndpointConfig(String id, URI baseUrl, String kind, Secret apiKey, Map<String, String> models,
                             int weight, int maxConcurrent, Timeouts timeouts) {
  public EndpointConfig {
    models = Map.copyOf(models);
  }

  /** The upstream name for a client-facing model, or the client's name unchanged when not mapped. */
  public String upstreamModel(String clientModel) { return models.getOrDefault(clientModel, clientModel); }
}
