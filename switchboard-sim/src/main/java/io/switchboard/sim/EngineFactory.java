package io.switchboard.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Engines by GPU profile name ({@code h100}, {@code a100-80}, {@code a100-40}), for the command line and
 * the demo. This is the one place that decides which {@link Engine} class serves a profile; today it gives
 * {@link FixedSpeedEngine}s with each GPU's idle short-prompt TTFT and batch-1 decode step from the model
 * doc (docs/simulator-model.md), which ignore batching, KV pressure and prompt length.
 */
public final class EngineFactory {
  private record Timing(Duration ttft, Duration tpot) {}

  private static final Map<String, Timing> FIXED = Map.of(
      "h100", new Timing(Duration.ofMillis(14), Duration.ofNanos(6_500_000)),
      "a100-80", new Timing(Duration.ofMillis(19), Duration.ofNanos(10_420_000)),
      "a100-40", new Timing(Duration.ofMillis(22), Duration.ofNanos(13_500_000)));

  private EngineFactory() {}

  /** The GPU names {@link #forGpu} knows. */
  public static Set<String> gpus() {
    return Set.copyOf(FIXED.keySet());
  }

  /** A factory of fresh engines for {@code gpu} (case-insensitive); throws naming the known GPUs. */
  public static Supplier<Engine> forGpu(String gpu) {
    Timing t = FIXED.get(gpu.toLowerCase(Locale.ROOT));
    if (t == null) throw new IllegalArgumentException("unknown GPU '" + gpu + "'; known: " + new java.util.TreeSet<>(FIXED.keySet()));
    return () -> new FixedSpeedEngine(t.ttft(), t.tpot());
  }
}
