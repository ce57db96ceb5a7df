package io.switchboard.core.pipeline;

import io.switchboard.core.EndpointState;
import io.switchboard.core.prefix.PrefixIndexes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learned routing signals of a set of endpoints: one {@link EndpointSignals} per endpoint id and the
 * prefix indexes. Keyed by id, so they outlive config reloads as {@link EndpointState}s do; one instance is
 * shared by every pipeline that routes to the same endpoints.
 */
public final class Signals {
  private final PrefixIndexes prefixes;
  private final ConcurrentHashMap<String, EndpointSignals> byEndpoint = new ConcurrentHashMap<>();

  public Signals(PrefixIndexes prefixes) { this.prefixes = Objects.requireNonNull(prefixes, "prefixes"); }

  /** Default prefix indexes (16-token blocks, an H100's KV capacity per endpoint). */
  public static Signals defaults() { return new Signals(PrefixIndexes.defaults()); }

  public PrefixIndexes prefixes() { return prefixes; }

  public EndpointSignals of(EndpointState endpoint) { return of(endpoint.id()); }

  public EndpointSignals of(String endpointId) { return byEndpoint.computeIfAbsent(endpointId, EndpointSignals::new); }
}
