/**
 * The real-time simulated OpenAI-compatible server: {@link io.switchboard.sim.server.SimServer} drives any
 * {@link io.switchboard.sim.Engine} on one Vert.x event loop and streams its tokens as the OpenAI API does,
 * with run-time fault injection ({@link io.switchboard.sim.server.Faults}) and vLLM-named {@code /metrics}.
 * {@link io.switchboard.sim.server.SimCluster} starts several on consecutive ports.
 */
package io.switchboard.sim.server;
