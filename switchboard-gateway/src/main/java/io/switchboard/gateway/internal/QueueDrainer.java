package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.gateway.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * After a slot is released, offers it to the waiters of every group that contains the endpoint: in the
 * table the request ran on, in the current one (after a reload its queues are new), and in any other table
 * that requests were queued in and that still has waiters. Without the last, a request queued just before
 * a reload (or several) would wait for a release from its own table's requests, which may all be gone,
 * and time out. The endpoint -> groups index is built once per current table; other tables are few and
 * short-lived, so their routes are walked directly. They are an immutable list swapped by compare-and-set.
 */
final class QueueDrainer {
  /** Tables watched at most; past this many, the oldest waiters rely on their own timeouts. */
  private static final int MAX_WATCHED = 16;

  private record Index(RoutingTable table, Map<String, List<GroupRouter>> byEndpoint) {}

  private final Supplier<RoutingTable> tables;
  private final AtomicReference<List<RoutingTable>> watched = new AtomicReference<>(List.of());
  private volatile Index cached;

  QueueDrainer(Supplier<RoutingTable> tables) { this.tables = tables; }

  /** A request waits in a queue of {@code table}: releases from any table must reach it until it is empty. */
  void queued(RoutingTable table) {
    if (watched.get().contains(table)) return;
    watched.updateAndGet(list -> {
      if (list.contains(table)) return list;
      List<RoutingTable> next = new ArrayList<>(list.size() + 1);
      next.add(table);
      for (RoutingTable t : list) if (next.size() < MAX_WATCHED) next.add(t);
      return List.copyOf(next);
    });
  }

  void afterRelease(RoutingTable table, EndpointState endpoint) {
    drain(index(table), endpoint.id());
    RoutingTable current = tables.get();
    if (current != table && current != null) drain(index(current), endpoint.id());
    List<RoutingTable> others = watched.get();
    if (!others.isEmpty()) drainWatched(others, table, current, endpoint);
  }

  private void drainWatched(List<RoutingTable> list, RoutingTable table, RoutingTable current, EndpointState e) {
    List<RoutingTable> idle = null;
    for (RoutingTable t : list) {
      // The request's own table and the current one were drained above; the current one leaves the list
      // once it has been replaced and emptied.
      if (t == table || t == current) continue;
      boolean waiting = false;
      for (RoutingTable.Route r : t.routes()) {
        GroupRouter g = r.router();
        if (g.queue().depth() == 0) continue;
        waiting = true;
        if (g.members().contains(e)) g.drainQueue();
      }
      if (!waiting) {
        if (idle == null) idle = new ArrayList<>(2);
        idle.add(t);
      }
    }
    if (idle != null) {
      List<RoutingTable> gone = idle;
      watched.updateAndGet(l -> l.stream().filter(t -> !gone.contains(t)).toList());
    }
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
