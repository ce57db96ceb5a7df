package io.switchboard.core.pipeline.internal;

import io.switchboard.core.RoutingReceipt.Reason;
import java.util.random.RandomGenerator;

/** Chooses a candidate from the total scores. Thread-safe. */
public interface Picker {
  /** The index chosen and why. */
  record Pick(int index, Reason reason) {}

  Pick pick(double[] totals, Ctx ctx, RandomGenerator random);
}
