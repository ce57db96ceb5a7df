package io.switchboard.bench.replay;

import io.switchboard.sim.Engine;
import io.switchboard.sim.Engines;
import io.switchboard.sim.model.GpuProfile;
import java.util.Optional;

/** Makes the replicas of one replay: fresh, idle engines of one kind. */
public interface EngineFactory {

  /** A new idle replica. */
  Engine create();

  /** Tokens of KV cache one replica holds; sizes the routers' prefix indexes and the hit-rate bound. */
  long kvCapacityTokens();

  /** The hardware name reports show, e.g. {@code h100}. */
  String name();

  /** The calibrated profile behind the replicas, when they follow the step-time model (for {@link Bounds}). */
  default Optional<GpuProfile> profile() { return Optional.empty(); }

  /** Calibrated vLLM-like replicas (see the simulator model document) on {@code profile}. */
  static EngineFactory calibrated(GpuProfile profile) {
    return new EngineFactory() {
      @Override public Engine create() { return Engines.create(profile); }

      @Override public long kvCapacityTokens() { return profile.kvCapacityTokens(); }

      @Override public String name() { return profile.name(); }

      @Override public Optional<GpuProfile> profile() { return Optional.of(profile); }
    };
  }
}
