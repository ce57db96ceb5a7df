/**
 * Virtual-time replay: a single-threaded discrete-event loop that runs a workload through the real routing
 * core ({@link io.switchboard.core.GroupRouter} and {@link io.switchboard.core.Strategies}) onto N simulated
 * {@link io.switchboard.sim.Engine} replicas, and measures the result with vLLM's benchmark definitions.
 * Deterministic: the same seed gives the same numbers, bit for bit. {@link io.switchboard.bench.replay.Bounds} gives,
 * for calibrated replicas, the physical limits no policy can beat (TTFT floors, throughput ceilings), so a target a
 * policy misses can be shown to be out of reach.
 */
package io.switchboard.bench.replay;
