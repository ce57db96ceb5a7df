/**
 * Live replay: the same workload as {@link io.switchboard.bench.replay.Replay}, in real time, through the real
 * gateway ({@link io.switchboard.gateway.Gateway}) onto simulated servers ({@link io.switchboard.sim.server.SimServer})
 * on 127.0.0.1, measured with the same definitions. Entry point: {@link io.switchboard.bench.live.LiveReplay}.
 */
package io.switchboard.bench.live;
