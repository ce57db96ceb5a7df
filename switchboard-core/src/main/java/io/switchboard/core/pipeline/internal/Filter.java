package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.pipeline.Signals;
import java.util.ArrayList;
import java.util.List;

/** Drops candidates that must not take a request. Stateless. */
public interface Filter {
  String name();

  boolean keep(EndpointState e, RouteRequest r, Signals s, List<EndpointState> all);

  /** {@code in} itself when every candidate is kept (no copy), else the kept ones. */
  default List<EndpointState> apply(List<EndpointState> in, RouteRequest r, Signals s) {
    int n = in.size();
    int i = 0;
    while (i < n && keep(in.get(i), r, s, in)) i++;
    if (i == n) return in;
    List<EndpointState> out = new ArrayList<>(n - 1);
    for (int j = 0; j < i; j++) out.add(in.get(j));
    for (int j = i + 1; j < n; j++) if (keep(in.get(j), r, s, in)) out.add(in.get(j));
    return out;
  }
}
