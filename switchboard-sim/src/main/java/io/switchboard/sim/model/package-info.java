/**
 * The numbers behind the simulated replica: GPU profiles ({@link io.switchboard.sim.model.GpuProfile}, loaded
 * by {@link io.switchboard.sim.model.GpuProfiles}) and the roofline step-time model
 * ({@link io.switchboard.sim.model.StepTimeModel}) described in {@code docs/simulator-model.md}.
 */
package io.switchboard.sim.model;
