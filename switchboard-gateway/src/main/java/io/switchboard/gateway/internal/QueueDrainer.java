package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.gateway.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * After a slot is released, offers it to the waiters of every group that contains the endpoint, in the
 * table the request ran on and, after a reload, in the current one too (its queues are new). The
 * endpoint -> groups index is built once per table.
 */
final class QueueDrainer {
  private record Index(RoutingTable table, Map<String, List<GroupRouter>> byEndpoint) {}

  private final Supplier<RoutingTable> tables;
  private volatile Index cached;

  QueueDrainer(Supplier<RoutingTable> tables) { this.tables = tables; }

  void afterRelease(RoutingTable table, EndpointState endpoint) {
    drain(index(table), endpoint.id());
    RoutingTable current = tables.get();
    if (current != table && current != null) drain(index(current), endpoint.id());
  }

  private static void drain(Index index, String endpointId) {
    List<GroupRouter> groups = index.byEndpoint.get(endpointId);
    if (groups == null) return;
    for (GroupRouter g : groups) {
      if (g.queue().depth() > 0) g.drainQueue();
    }
  }

  private Index index(RoutingTable table) {
    Index i = cached;
    if (i != null && i.table == table) return i;
    Map<String, List<GroupRouter>> byEndpoint = new HashMap<>();
    for (RoutingTable.Route r : table.routes()) {
      for (EndpointState e : r.router().members()) {
        byEndpoint.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(r.router());
      }
    }
    i = new Index(table, byEndpoint);
    if (table == tables.get()) cached = i;
    return i;
  }
}
