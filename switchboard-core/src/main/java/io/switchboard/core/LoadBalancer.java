package io.switchboard.core;

import java.util.List;

/**
 * Chooses one endpoint among candidates that all have capacity right now. Implementations may keep state
 * (a round-robin cursor) and are called concurrently from many threads.
 */
public interface LoadBalancer {

  /**
   * Returns the chosen candidate. {@code candidates} is non-empty and every element had free capacity when
   * the list was built; the caller takes the slot afterwards and calls again if it lost a race.
   */
  EndpointState pick(List<EndpointState> candidates, RouteRequest request);

  /** The name receipts show for this policy. */
  default String name() { return getClass().getSimpleName(); }

  /**
   * Whether picks read the prompt ({@link RouteRequest#blockHashes()}); when false a caller may skip
   * extracting and hashing the prompt text, which is most of what reading a request costs.
   */
  default boolean readsPrompt() { return true; }
}
