package io.switchboard.gateway.config.internal;

import io.switchboard.gateway.config.internal.Node.ListNode;
import io.switchboard.gateway.config.internal.Node.MapNode;
import io.switchboard.gateway.config.internal.Node.Scalar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one mapping of the config, for hand-written mapping. Creating it reports keys it does not know
 * (with the closest known one); each getter reports a wrong type or an unparsable value at the key's path and
 * returns the default, so reading carries on and every problem is found in one pass.
 */
public final class Fields {
  private final Map<String, Node> entries;
  private final String path;
  private final Problems problems;
  private final boolean wrongType; // already reported: required keys are not reported missing on top

  private Fields(Map<String, Node> entries, String path, Problems problems, boolean wrongType) {
    this.entries = entries;
    this.path = path;
    this.problems = problems;
    this.wrongType = wrongType;
  }

  /** The fields of {@code node}; a node that is not a mapping is reported and reads as empty. */
  public static Fields of(Node node, String path, Problems problems, Set<String> known, String example) {
    if (node == null || node instanceof Scalar s && s.isNull()) return new Fields(Map.of(), path, problems, false);
    if (!(node instanceof MapNode m)) {
      problems.error(path, node.mark(), "expected a mapping, got " + Node.describe(node), "write it as " + example);
      return new Fields(Map.of(), path, problems, true);
    }
    for (String key : m.entries().keySet()) {
      if (known.contains(key)) continue;
      String near = Suggestions.closest(key, known);
      String fix = near != null ? "did you mean '" + near + "'?" : "remove it";
      problems.error(Paths.child(path, key), m.keyMarks().get(key), "unknown key '" + key + "'",
          fix + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
    }
    return new Fields(m.entries(), path, problems, false);
  }

  public String path(String key) { return Paths.child(path, key); }

  /** The node under {@code key}, or null when it is absent or written as null. */
  public Node node(String key) {
    Node n = entries.get(key);
    return n instanceof Scalar s && s.isNull() ? null : n;
  }

  public boolean has(String key) { return node(key) != null; }

  /** A plain string; numbers and booleans are taken as written ({@code id: 1} is the string "1"). */
  public String string(String key, String dflt) {
    Node n = node(key);
    if (n == null) return dflt;
    if (n instanceof Scalar s) return s.text();
    problems.error(path(key), n.mark(), "expected a string, got " + Node.describe(n), "write a single value");
    return dflt;
  }

  /** A string that must be present: reports it as missing and returns null. */
  public String requiredString(String key, String example) {
    if (!has(key)) {
      missing(key, key + ": " + example);
      return null;
    }
    String s = string(key, null);
    if (s != null && s.isBlank()) {
      problems.error(path(key), node(key).mark(), "'" + key + "' is empty", "give it a value, e.g. " + example);
      return null;
    }
    return s;
  }

  /** Reports a required key as missing, at its own path (several may be missing from one mapping). */
  public void missing(String key, String example) {
    if (!wrongType) problems.error(path(key), "missing required key '" + key + "'", "add it, e.g. " + example);
  }

  public int integer(String key, int dflt, String example) {
    Long v = number(key, example);
    if (v == null) return dflt;
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      problems.error(path(key), node(key).mark(), "number " + v + " is too large", "use at most " + Integer.MAX_VALUE);
      return dflt;
    }
    return v.intValue();
  }

  private Long number(String key, String example) {
    Node n = node(key);
    if (n == null) return null;
    if (n instanceof Scalar s && (s.kind() == Scalar.Kind.INTEGER || s.kind() == Scalar.Kind.STRING)) {
      try {
        return Long.parseLong(s.text().strip().replace("_", ""));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.error(path(key), n.mark(), "expected a whole number, got " + Node.describe(n), "write e.g. " + example);
    return null;
  }

  /** A number with or without a fraction, e.g. {@code 0.2}. */
  public double decimal(String key, double dflt, String example) {
    Node n = node(key);
    if (n == null) return dflt;
    if (n instanceof Scalar s && s.kind() != Scalar.Kind.BOOLEAN) {
      try {
        return Double.parseDouble(s.text().strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.error(path(key), n.mark(), "expected a number, got " + Node.describe(n), "write e.g. " + example);
    return dflt;
  }

  public boolean bool(String key, boolean dflt) {
    Node n = node(key);
    if (n == null) return dflt;
    if (n instanceof Scalar s && s.kind() == Scalar.Kind.BOOLEAN) return Boolean.parseBoolean(s.text().strip());
    problems.error(path(key), n.mark(), "expected true or false, got " + Node.describe(n), "write true or false");
    return dflt;
  }

  public long bytes(String key, long dflt) {
    Node n = node(key);
    if (n == null) return dflt;
    Long v = n instanceof Scalar s && s.kind() != Scalar.Kind.BOOLEAN ? Values.bytes(s.text()) : null;
    if (v == null) {
      problems.error(path(key), n.mark(), "expected a size, got " + Node.describe(n),
          "write a number of bytes or a size such as 4MiB, 512KiB, 1GB");
      return dflt;
    }
    return v;
  }

  public Duration duration(String key, Duration dflt) {
    Node n = node(key);
    if (n == null) return dflt;
    Duration d = n instanceof Scalar s && s.kind() != Scalar.Kind.BOOLEAN ? Values.duration(s.text()) : null;
    if (d == null) {
      String hint = n instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER
          ? "add a unit: " + s.text() + "s or " + s.text() + "ms" : "write e.g. 500ms, 2s, 1m30s, 1h";
      problems.error(path(key), n.mark(), "expected a duration, got " + Node.describe(n), hint);
      return dflt;
    }
    return d;
  }

  /** The items of a list; a single scalar is reported (it is probably a list of one written without brackets). */
  public List<Node> list(String key, String example) {
    Node n = node(key);
    if (n == null) return List.of();
    if (n instanceof ListNode l) return l.items();
    problems.error(path(key), n.mark(), "expected a list, got " + Node.describe(n), "write it as " + example);
    return List.of();
  }
}
