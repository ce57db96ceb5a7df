package io.switchboard.sim.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * N simulated servers, each with its own engine and event loop, on consecutive ports from {@code basePort}
 * (or each on an ephemeral port when {@code basePort} is 0). Server {@code i} draws its faults with seed
 * {@code options.seed() + i}, so replicas do not fail in lockstep.
 */
public final class SimCluster {
  private final List<SimServer> servers;

  private SimCluster(List<SimServer> servers) {
    this.servers = List.copyOf(servers);
  }

  /** Starts all servers; if any fails to bind, closes those that started and fails. */
  public static Future<SimCluster> start(Vertx vertx, int replicas, int basePort, SimServerOptions options) {
    if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    if (basePort != 0 && basePort + replicas - 1 > 65535) {
      throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + replicas - 1) + " exceed 65535");
    }
    List<Future<SimServer>> starts = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      starts.add(SimServer.start(vertx, options.withPort(basePort == 0 ? 0 : basePort + i).withSeed(options.seed() + i)));
    }
    return Future.join(starts).transform(ar -> {
      List<SimServer> started = new ArrayList<>();
      for (Future<SimServer> f : starts) if (f.succeeded()) started.add(f.result());
      if (ar.succeeded()) return Future.succeededFuture(new SimCluster(started));
      return new SimCluster(started).close().transform(v -> Future.failedFuture(ar.cause()));
    });
  }

  public List<SimServer> servers() {
    return servers;
  }

  public SimServer server(int index) {
    return servers.get(index);
  }

  public int size() {
    return servers.size();
  }

  public List<String> baseUrls() {
    return servers.stream().map(SimServer::baseUrl).toList();
  }

  /** Applies the same faults to every server. */
  public void setFaults(Faults faults) {
    servers.forEach(s -> s.faults().set(faults));
  }

  public Future<Void> close() {
    return Future.join(servers.stream().map(SimServer::close).toList()).mapEmpty();
  }
}
