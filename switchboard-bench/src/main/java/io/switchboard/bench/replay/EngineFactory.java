package io.switchboard.bench.replay;

import io.switchboard.sim.Engine;
import io.switchboard.sim.Engines;
import io.switchboard.sim.model.GpuProfile;

/** Makes the replicas of one replay: fresh, idle engines of one kind. */
public interface EngineFactory {

  /** A new idle replica. */
  Engine create();

  /** Tokens of KV cache one replica holds; sizes the routers' prefix indexes and the hit-rate bound. */
  long kvCapacityTokens();

  /** The hardware name reports show, e.g. {@code h100}. */
  String name();

  /** Calibrated vLLM-like replicas (see the simulator model document) on {@code profile}. */
  static EngineFactory calibrated(GpuProfile profile) {
    return new EngineFactory() {
      @Override public Engine create() { return Engines.create(profile); }

      @Override public long kvCapacityTokens() { return profile.kvCapacityTokens(); }

      @Override public String name() { return profile.name(); }
    };
  }
}
