package io.switchboard.gateway.internal;

/** Minimal JSON text helpers for the few documents the gateway writes itself. */
final class Json {
  private Json() {}

  /** Appends {@code s} as a JSON string literal, or {@code null}. */
  static void quote(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    int n = s.length();
    int clean = 0;
    while (clean < n && plain(s.charAt(clean))) clean++;
    // Ids, names and receipts have nothing to escape: one bulk copy instead of a switch per character.
    sb.append(s, 0, clean);
    for (int i = clean; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  private static boolean plain(char c) { return c >= 0x20 && c != '"' && c != '\\'; }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(sb, s);
    return sb.toString();
  }
}
