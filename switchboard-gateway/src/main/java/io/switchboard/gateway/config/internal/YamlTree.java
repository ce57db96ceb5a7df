package io.switchboard.gateway.config.internal;

import io.switchboard.gateway.config.internal.Node.ListNode;
import io.switchboard.gateway.config.internal.Node.MapNode;
import io.switchboard.gateway.config.internal.Node.Mark;
import io.switchboard.gateway.config.internal.Node.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;

/**
 * Reads YAML text into a located {@link Node} tree with Jackson's streaming YAML parser. Anchors and aliases are
 * replayed, so {@code timeouts: *slow} works. Syntax errors, duplicate keys and extra documents become problems
 * at their line and column; the tree is null when the text is not usable YAML.
 */
public final class YamlTree {
  private static final YAMLAnchorReplayingFactory FACTORY = new YAMLAnchorReplayingFactory();

  private YamlTree() {}

  public static Node read(String yaml, Problems problems) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.error("", Mark.UNKNOWN, "the file is empty", "start from examples/switchboard.yaml");
        return null;
      }
      Node root = value(p, problems, "");
      if (p.nextToken() != null) {
        problems.error("", mark(p.currentTokenLocation()), "more than one YAML document ('---')",
            "keep the whole configuration in one document");
      }
      return root;
    } catch (JacksonException e) {
      problems.error("", mark(e.getLocation()), "not valid YAML: " + firstLine(e.getOriginalMessage()),
          "fix the syntax at this line (indentation, a missing ':' or an unclosed quote or bracket)");
      return null;
    }
  }

  private static Node value(JsonParser p, Problems problems, String path) {
    Mark at = mark(p.currentTokenLocation());
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> map(p, problems, path, at);
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p, problems, Paths.index(path, items.size())));
        yield new ListNode(List.copyOf(items), at);
      }
      case VALUE_STRING -> new Scalar(p.getString(), Scalar.Kind.STRING, at);
      case VALUE_NUMBER_INT -> new Scalar(p.getString(), Scalar.Kind.INTEGER, at);
      case VALUE_NUMBER_FLOAT -> new Scalar(p.getString(), Scalar.Kind.FLOAT, at);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(p.getString(), Scalar.Kind.BOOLEAN, at);
      case VALUE_NULL -> new Scalar(null, Scalar.Kind.NULL, at);
      default -> new Scalar(p.getString(), Scalar.Kind.STRING, at);
    };
  }

  private static MapNode map(JsonParser p, Problems problems, String path, Mark at) {
    Map<String, Node> entries = new LinkedHashMap<>();
    Map<String, Mark> keyMarks = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = p.currentName();
      Mark keyMark = mark(p.currentTokenLocation());
      p.nextToken();
      Node v = value(p, problems, Paths.child(path, key));
      if (entries.containsKey(key)) {
        problems.error(Paths.child(path, key), keyMark,
            "duplicate key '" + key + "' (first at line " + keyMarks.get(key).line() + ")",
            "keep one of them");
        continue;
      }
      entries.put(key, v);
      keyMarks.put(key, keyMark);
    }
    return new MapNode(entries, keyMarks, at);
  }

  private static Mark mark(TokenStreamLocation loc) {
    if (loc == null || loc.getLineNr() <= 0) return Mark.UNKNOWN;
    return new Mark(loc.getLineNr(), Math.max(loc.getColumnNr(), 0));
  }

  private static String firstLine(String s) {
    if (s == null) return "syntax error";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
