package io.switchboard.bench.live.internal;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a server-sent event stream, arriving in arbitrary chunks, into the {@code data} of each event (lines
 * {@code data: ...}, joined by newlines, up to a blank line). Other fields and comments are ignored; {@code \r\n}
 * line ends are accepted. One instance per response; not thread-safe.
 */
final class SseEvents {
  private final Consumer<String> onData;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  SseEvents(Consumer<String> onData) { this.onData = onData; }

  void feed(Buffer chunk) {
    int n = chunk.length();
    for (int i = 0; i < n; i++) {
      byte b = chunk.getByte(i);
      if (b == '\n') endLine();
      else line.write(b);
    }
  }

  private void endLine() {
    byte[] bytes = line.toByteArray();
    line.reset();
    int len = bytes.length;
    if (len > 0 && bytes[len - 1] == '\r') len--;
    if (len == 0) {
      if (hasData) {
        String d = data.toString();
        data.setLength(0);
        hasData = false;
        onData.accept(d);
      }
      return;
    }
    String s = new String(bytes, 0, len, StandardCharsets.UTF_8);
    if (!s.startsWith("data:")) return;
    if (hasData) data.append('\n');
    data.append(s, s.startsWith("data: ") ? 6 : 5, s.length());
    hasData = true;
  }
}
