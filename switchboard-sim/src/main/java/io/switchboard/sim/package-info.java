/**
 * The simulated inference replica: a pure model of a vLLM-like engine ({@link io.switchboard.sim.Engine})
 * that both the virtual-time replay and the real-time HTTP server drive.
 */
package io.switchboard.sim;
