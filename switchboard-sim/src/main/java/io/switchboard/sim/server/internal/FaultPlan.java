package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.FaultRule;
import io.switchboard.sim.server.Faults;
import java.util.EnumSet;
import java.util.Set;

/**
 * The faults that hit one request, decided once on arrival, with the snapshot whose parameters apply.
 *
 * @param replacement the fault that replaces the whole response, or null
 * @param inStream    faults that alter the generation while it streams
 * @param consumed    kinds that fired through their "next N" count (the snapshot must count them down)
 */
record FaultPlan(FaultKind replacement, Set<FaultKind> inStream, Set<FaultKind> consumed, Faults faults) {

  static final FaultPlan NONE = new FaultPlan(null, Set.of(), Set.of(), Faults.none());

  boolean has(FaultKind kind) {
    return kind == replacement || inStream.contains(kind);
  }

  boolean any() {
    return replacement != null || !inStream.isEmpty();
  }

  /**
   * Pure: which faults of {@code faults} hit a request, given one uniform draw in [0, 1) per kind (indexed
   * by ordinal). A "next N" count fires before the probability is looked at. Kinds that replace the
   * response are exclusive (the first in declaration order wins); in-stream kinds apply only to
   * generations.
   */
  static FaultPlan decide(Faults faults, double[] draws, boolean generation) {
    FaultKind replacement = null;
    EnumSet<FaultKind> inStream = EnumSet.noneOf(FaultKind.class);
    EnumSet<FaultKind> consumed = EnumSet.noneOf(FaultKind.class);
    for (FaultKind kind : FaultKind.values()) {
      if (kind.replacesResponse() ? replacement != null : !generation) continue;
      FaultRule rule = faults.rule(kind);
      boolean byCount = rule.next() > 0;
      if (!byCount && !(draws[kind.ordinal()] < rule.probability())) continue;
      if (byCount) consumed.add(kind);
      if (kind.replacesResponse()) replacement = kind;
      else inStream.add(kind);
    }
    return new FaultPlan(replacement, inStream, consumed, faults);
  }

  /** Pure: {@code faults} with the "next N" count of every consumed kind lowered by one. */
  static Faults countDown(Faults faults, Set<FaultKind> consumed) {
    Faults result = faults;
    for (FaultKind kind : consumed) {
      FaultRule r = faults.rule(kind);
      result = result.with(kind, new FaultRule(r.probability(), r.next() - 1));
    }
    return result;
  }
}
