package io.switchboard.gateway;

import io.switchboard.sim.FixedSpeedEngine;
import io.switchboard.sim.server.SimCluster;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests through the gateway against simulated replicas on loopback: each test gets a fresh Vert.x, {@link
 * #replicas} fixed-speed simulators (2 ms to the first token, 1 ms per token) and builds its own gateway in
 * {@link #gw}, which is closed after it.
 */
abstract class SimGatewayTest {
  private final int replicas;
  protected Vertx vertx;
  protected SimCluster sims;
  protected GatewayHarness gw;

  SimGatewayTest(int replicas) { this.replicas = replicas; }

  @BeforeEach
  void startSimulators() {
    vertx = Vertx.vertx();
    sims = SimCluster.start(vertx, replicas, 0, SimServerOptions.defaults()
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
  }

  @AfterEach
  void stopEverything() {
    if (gw != null) gw.close();
    sims.close().await();
    vertx.close().await();
  }
}
