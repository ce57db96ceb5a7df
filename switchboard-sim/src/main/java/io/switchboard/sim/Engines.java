package io.switchboard.sim;

import io.switchboard.sim.internal.VllmEngine;
import io.switchboard.sim.model.GpuProfile;
import io.switchboard.sim.model.GpuProfiles;

/** Creates simulated replicas. */
public final class Engines {
  private Engines() {}

  /** A vLLM-V1-like replica on the given GPU, e.g. {@code Engines.create(GpuProfiles.builtIn().get("h100"))}. */
  public static Engine create(GpuProfile profile) {
    return new VllmEngine(profile);
  }

  /** A vLLM-V1-like replica on a built-in GPU profile: {@code h100}, {@code a100-80} or {@code a100-40}. */
  public static Engine create(String builtInProfile) {
    return create(GpuProfiles.builtIn().get(builtInProfile));
  }
}
