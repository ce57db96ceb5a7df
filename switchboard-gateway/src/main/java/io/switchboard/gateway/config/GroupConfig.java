package io.switchboard.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * A model group: the client-facing model name, or a glob such as {@code fb-*}, served by a set of
 * endpoints under one strategy. An exact name takes precedence over a glob.
 *
 * @param model         exact name or glob ({@code *} and {@code ?})
 * @param endpoints     ids of the endpoints that serve it
 * @param strategy      a name from {@link io.switchboard.core.Strategies#NAMES}
 * @param queueSize     requests that may wait when every endpoint is at its limit (0: reject at once)
 * @param queueTimeout  how long one may wait before 503
 */
public record GroupConfig(String model, List<String> endpoints, String strategy, int queueSize,
                          Duration queueTimeout) {
  public GroupConfig {
    endpoints = List.copyOf(endpoints);
  }

  public boolean isGlob() { return model.indexOf('*') >= 0 || model.indexOf('?') >= 0; }
}
