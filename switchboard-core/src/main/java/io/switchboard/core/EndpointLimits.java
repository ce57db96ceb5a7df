package io.switchboard.core;

/** How an endpoint may be loaded: its share under weighted strategies and its concurrency cap. */
public record EndpointLimits(int weight, int maxConcurrent) {
  public static final EndpointLimits DEFAULT = new EndpointLimits(1, Integer.MAX_VALUE);

  public EndpointLimits {
    if (weight < 1) throw new IllegalArgumentException("weight must be >= 1, was " + weight);
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1, was " + maxConcurrent);
  }
}
