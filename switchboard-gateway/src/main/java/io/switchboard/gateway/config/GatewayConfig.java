package io.switchboard.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole gateway configuration, as read from YAML and checked by the validator. Immutable: a reload
 * builds a new one and swaps it in.
 *
 * @param source    the file it came from, for messages (null when built in code, e.g. the demo)
 */
public record GatewayConfig(Path source, ServerConfig server, AuthConfig auth, List<EndpointConfig> endpoints,
                            List<GroupConfig> groups) {
  public GatewayConfig {
    endpoints = List.copyOf(endpoints);
    groups = List.copyOf(groups);
  }
}
