package io.switchboard.gateway.config.internal;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written. Jackson's own tree drops locations, and a problem without a line
 * number sends the user hunting, so the config is read into this instead.
 */
public sealed interface Node {
  Mark mark();

  /** 1-based line and column; 0 when unknown. */
  record Mark(int line, int column) {
    public static final Mark UNKNOWN = new Mark(0, 0);
  }

  /** A mapping in file order. */
  record MapNode(Map<String, Node> entries, Map<String, Mark> keyMarks, Mark mark) implements Node {}

  record ListNode(List<Node> items, Mark mark) implements Node {}

  /**
   * A scalar as written. {@code quoted} tells a string that merely looks like a number ({@code "8080"}) from a
   * number; {@code text} is null for YAML null ({@code ~}, {@code null} or nothing).
   */
  record Scalar(String text, Kind kind, Mark mark) implements Node {
    public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    public boolean isNull() { return kind == Kind.NULL; }
  }

  /** What a user would call this node in a message: "a mapping", "a list", "the number 3". */
  static String describe(Node node) {
    return switch (node) {
      case MapNode m -> "a mapping";
      case ListNode l -> "a list";
      case Scalar s when s.isNull() -> "nothing (null)";
      case Scalar s when s.kind() == Scalar.Kind.STRING -> "'" + s.text() + "'";
      case Scalar s -> s.text();
    };
  }
}
