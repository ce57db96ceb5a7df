package io.switchboard.gateway.config;

import io.switchboard.gateway.routing.RoutingTable;
import java.util.List;

/**
 * What one reload did.
 *
 * @param outcome   applied (a new table serves), unchanged (the file means the same config) or rejected
 * @param table     the table serving after the reload (the old one unless applied)
 * @param problems  why it was rejected; empty otherwise
 */
public record ReloadResult(Outcome outcome, RoutingTable table, List<ConfigProblem> problems) {
  public enum Outcome { APPLIED, UNCHANGED, REJECTED }

  public ReloadResult {
    problems = List.copyOf(problems);
  }
}
