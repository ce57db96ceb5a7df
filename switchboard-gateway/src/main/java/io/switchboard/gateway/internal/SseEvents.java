package io.switchboard.gateway.internal;

/**
 * What one SSE data payload of an OpenAI-style stream means for failover, read with byte scans (no JSON
 * tree, no regex): the {@code [DONE]} sentinel, an event carrying content (a non-empty {@code content} or
 * {@code text}, or tool calls), a {@code finish_reason}, an {@code {"error": ...}} event, or data that is
 * not a complete JSON value (a malformed event). The JSON check only balances brackets outside strings:
 * enough to catch a truncated or garbled event, which is what breaks clients.
 */
final class SseEvents {
  static final int DONE = 1;
  static final int CONTENT = 2;
  static final int FINISH = 4;
  static final int ERROR = 8;
  static final int MALFORMED = 16;

  private static final byte[] CONTENT_KEY = bytes("content\"");
  private static final byte[] TEXT_KEY = bytes("\"text\"");
  private static final byte[] TOOL_CALLS = bytes("\"tool_calls\"");
  private static final byte[] FINISH_KEY = bytes("\"finish_reason\"");
  private static final byte[] ERROR_KEY = bytes("\"error\"");

  private SseEvents() {}

  /** Whether {@code r} answers with an event stream: status 200 and a {@code text/event-stream} content type. */
  static boolean isEventStream(io.vertx.core.http.HttpClientResponse r) {
    if (r.statusCode() != 200) return false;
    String type = r.getHeader(HeaderNames.CONTENT_TYPE);
    return type != null && type.startsWith("text/event-stream");
  }

  static int classify(byte[] d, int len) {
    int start = skipSpace(d, 0, len);
    if (len - start >= 6 && d[start] == '[' && d[start + 1] == 'D' && d[start + 2] == 'O' && d[start + 3] == 'N'
        && d[start + 4] == 'E' && d[start + 5] == ']') {
      return DONE;
    }
    if (!balancedJson(d, start, len)) return MALFORMED;
    int first = skipSpace(d, start + 1, len);
    if (startsWith(d, first, len, ERROR_KEY)) return ERROR;
    int flags = 0;
    if (stringValueNonEmpty(d, len, CONTENT_KEY) || stringValueNonEmpty(d, len, TEXT_KEY) || indexOf(d, len, TOOL_CALLS, 0) >= 0) {
      flags |= CONTENT;
    }
    if (stringValueNonEmpty(d, len, FINISH_KEY)) flags |= FINISH;
    return flags;
  }

  /** Whether some {@code key} is followed by {@code :} and a string of at least one character. */
  private static boolean stringValueNonEmpty(byte[] d, int len, byte[] key) {
    int from = 0;
    for (;;) {
      int at = indexOf(d, len, key, from);
      if (at < 0) return false;
      int i = skipSpace(d, at + key.length, len);
      if (i < len && d[i] == ':') {
        i = skipSpace(d, i + 1, len);
        if (i + 1 < len && d[i] == '"' && d[i + 1] != '"') return true;
      }
      from = at + 1;
    }
  }

  static boolean balancedJson(byte[] d, int start, int len) {
    if (start >= len || d[start] != '{' && d[start] != '[') return false;
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    int i = start;
    for (; i < len; i++) {
      byte b = d[i];
      if (inString) {
        if (escape) escape = false;
        else if (b == '\\') escape = true;
        else if (b == '"') inString = false;
        continue;
      }
      if (b == '"') inString = true;
      else if (b == '{' || b == '[') depth++;
      else if ((b == '}' || b == ']') && --depth == 0) break;
    }
    return depth == 0 && !inString && skipSpace(d, i + 1, len) >= len;
  }

  private static int skipSpace(byte[] d, int i, int len) {
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r')) i++;
    return i;
  }

  private static boolean startsWith(byte[] d, int at, int len, byte[] p) {
    if (at + p.length > len) return false;
    for (int j = 0; j < p.length; j++) if (d[at + j] != p[j]) return false;
    return true;
  }

  static int indexOf(byte[] d, int len, byte[] p, int from) {
    outer:
    for (int i = from; i + p.length <= len; i++) {
      for (int j = 0; j < p.length; j++) if (d[i + j] != p[j]) continue outer;
      return i;
    }
    return -1;
  }

  static byte[] bytes(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }
}
