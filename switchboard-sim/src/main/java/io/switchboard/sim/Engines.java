package io.switchboard.sim;

import io.switchboard.sim.internal.VllmEngine;
import io.switchboard.sim.model.GpuProfile;
import io.switchboard.sim.model.GpuProfiles;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/** Creates simulated replicas; the one place that decides which {@link Engine} class serves a GPU profile. */
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

  /** A factory of fresh calibrated engines for a built-in profile (case-insensitive); throws naming the known ones. */
  public static Supplier<Engine> forGpu(String gpu) {
    GpuProfile profile = GpuProfiles.builtIn().get(gpu.toLowerCase(Locale.ROOT));
    return () -> create(profile);
  }

  /** The built-in GPU profile names. */
  public static Set<String> gpus() {
    return Set.copyOf(GpuProfiles.builtIn().names());
  }
}
