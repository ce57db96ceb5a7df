package io.switchboard.sim.server;

import java.util.function.UnaryOperator;

/**
 * The run-time switch for one server's faults (also reachable as {@code GET/POST /admin/faults}).
 * Thread-safe: the snapshot is swapped atomically and the next request sees the new one.
 */
public interface FaultControl {

  /** The snapshot in force now (the {@code next} counts go down as requests consume them). */
  Faults current();

  /** Replaces every fault at once. */
  void set(Faults faults);

  /** Applies {@code change} atomically (it may run more than once: keep it pure) and returns the result. */
  Faults update(UnaryOperator<Faults> change);

  /** Turns every fault and rate limit off. */
  default void clear() {
    set(Faults.none());
  }
}
