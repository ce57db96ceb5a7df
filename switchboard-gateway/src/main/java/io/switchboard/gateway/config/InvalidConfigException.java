package io.switchboard.gateway.config;

import java.util.List;

/** A config that did not pass validation; the message lists every problem, one per line. */
public final class InvalidConfigException extends RuntimeException {
  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() { return problems; }

  private static String message(List<ConfigProblem> problems) {
    StringBuilder sb = new StringBuilder("invalid configuration (" + problems.size()
        + (problems.size() == 1 ? " problem):" : " problems):"));
    for (ConfigProblem p : problems) sb.append("\n  ").append(p);
    return sb.toString();
  }
}
