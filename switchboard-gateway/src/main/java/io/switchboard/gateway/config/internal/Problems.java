package io.switchboard.gateway.config.internal;

import io.switchboard.gateway.config.ConfigProblem;
import io.switchboard.gateway.config.internal.Node.ListNode;
import io.switchboard.gateway.config.internal.Node.MapNode;
import io.switchboard.gateway.config.internal.Node.Mark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem of one load instead of stopping at the first. A problem reported by path alone (as the
 * record validator does) gets the line of that path, or of its nearest enclosing path written in the file.
 */
public final class Problems {
  private final Path file;
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();
  private final Map<String, Mark> marks = new HashMap<>();

  public Problems(Path file) { this.file = file; }

  /** Remembers where every path of the tree was written, for problems reported later by path. */
  public void index(Node root) { index("", root); }

  private void index(String path, Node node) {
    marks.put(path, node.mark());
    switch (node) {
      case MapNode m -> m.entries().forEach((k, v) -> {
        index(Paths.child(path, k), v);
        // The key's own position is the more useful one for a value spread over several lines.
        marks.put(Paths.child(path, k), m.keyMarks().get(k));
      });
      case ListNode l -> {
        for (int i = 0; i < l.items().size(); i++) index(Paths.index(path, i), l.items().get(i));
      }
      case Node.Scalar s -> { }
    }
  }

  public void error(String path, String message, String fix) { error(path, markOf(path), message, fix); }

  /** Records a problem, unless one is already recorded at {@code path}: a value wrong in one way is often
   * wrong in the next check too, and the first problem is the one to fix. */
  public void error(String path, Mark at, String message, String fix) {
    if (!path.isEmpty() && errors.stream().anyMatch(e -> e.path().equals(path))) return;
    errors.add(new ConfigProblem(file, path, at.line(), at.column(), message, fix));
  }

  public void warn(String path, String message, String fix) {
    Mark at = markOf(path);
    warnings.add(new ConfigProblem(file, path, at.line(), at.column(), message, fix));
  }

  public boolean hasErrors() { return !errors.isEmpty(); }

  /** Errors in file order; those without a line (nothing written there) last, in the order found. */
  public List<ConfigProblem> errors() { return sorted(errors); }

  public List<ConfigProblem> warnings() { return sorted(warnings); }

  private static List<ConfigProblem> sorted(List<ConfigProblem> list) {
    return list.stream()
        .sorted(Comparator.comparingInt((ConfigProblem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
            .thenComparingInt(ConfigProblem::column))
        .toList();
  }

  private Mark markOf(String path) {
    for (String p = path; ; p = Paths.parent(p)) {
      Mark m = marks.get(p);
      if (m != null) return m;
      if (p.isEmpty()) return Mark.UNKNOWN;
    }
  }
}
