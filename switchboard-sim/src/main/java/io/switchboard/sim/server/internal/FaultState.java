package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.FaultControl;
import io.switchboard.sim.server.Faults;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * One server's fault snapshot, swapped by compare-and-set, and the planner that draws each request's
 * faults from it. {@link #plan} runs on the event loop only (the generator is not shared); {@link #set}
 * and {@link #update} may come from any thread.
 */
public final class FaultState implements FaultControl {
  private final AtomicReference<Faults> current;
  private final RandomGenerator random;
  private final int kinds = io.switchboard.sim.server.FaultKind.values().length;

  public FaultState(Faults initial, RandomGenerator random) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    this.random = random;
  }

  @Override
  public Faults current() {
    return current.get();
  }

  @Override
  public void set(Faults faults) {
    current.set(Objects.requireNonNull(faults));
  }

  @Override
  public Faults update(UnaryOperator<Faults> change) {
    return current.updateAndGet(change);
  }

  /**
   * Decides the faults of one arriving request and counts down the "next N" schedules it consumed.
   * The draws are taken before the CAS loop so that a retry decides on the same numbers.
   */
  FaultPlan plan(boolean generation) {
    double[] draws = new double[kinds];
    for (int i = 0; i < kinds; i++) draws[i] = random.nextDouble();
    while (true) {
      Faults before = current.get();
      FaultPlan plan = FaultPlan.decide(before, draws, generation);
      if (plan.consumed().isEmpty() || current.compareAndSet(before, FaultPlan.countDown(before, plan.consumed()))) return plan;
    }
  }
}
