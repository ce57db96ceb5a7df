/**
 * Virtual-time replay: a single-threaded discrete-event loop that runs a workload through the real routing
 * core ({@link io.switchboard.core.GroupRouter} and {@link io.switchboard.core.Strategies}) onto N simulated
 * {@link io.switchboard.sim.Engine} replicas, and measures the result with vLLM's benchmark definitions.
 * Deterministic: the same seed gives the same numbers, bit for bit.
 */
package io.switchboard.bench.replay;
