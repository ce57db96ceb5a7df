package io.switchboard.core.pipeline;

import java.util.Map;

/**
 * What is known about an endpoint from configuration: its context window (0 when unknown) and its labels.
 *
 * @param contextWindow prompt + output tokens it accepts; 0 = unknown, never filtered on
 * @param labels        metadata the {@code labels} filter matches, e.g. {@code region=eu}
 */
public record EndpointProfile(int contextWindow, Map<String, String> labels) {
  public static final EndpointProfile UNKNOWN = new EndpointProfile(0, Map.of());

  public EndpointProfile {
    if (contextWindow < 0) throw new IllegalArgumentException("contextWindow must be >= 0, was " + contextWindow);
    labels = Map.copyOf(labels);
  }
}
