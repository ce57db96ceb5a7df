package io.switchboard.bench.replay;

import io.switchboard.sim.Engine;

/** Makes the replicas of one replay: fresh, idle engines of one kind. */
public interface EngineFactory {

  /** A new idle replica. */
  Engine create();

  /** Tokens of KV cache one replica holds; sizes the routers' prefix indexes and the hit-rate bound. */
  long kvCapacityTokens();

  /** The hardware name reports show, e.g. {@code h100}. */
  String name();
}
