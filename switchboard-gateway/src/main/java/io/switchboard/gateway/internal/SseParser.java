package io.switchboard.gateway.internal;

/**
 * An incremental parser for {@code text/event-stream} (the WHATWG "event stream interpretation"), fed
 * bytes as they arrive in arbitrary chunks. Lines end in LF, CR or CRLF, even when the CR and LF fall in
 * different chunks; a blank line ends an event; {@code data:} lines (one optional space after the colon)
 * are joined with LF; other fields and comments are ignored, as a client would. Reports each event with its
 * data and where it ended in the chunk, so a relay can forward or drop whole events.
 *
 * <p>Not thread-safe; one per stream. Holds at most one line and one event's data.
 */
public final class SseParser {
  /** Receives events in order. */
  public interface Listener {
    /**
     * An event ended.
     *
     * @param data    its data, {@code dataLength} bytes valid; only until this call returns
     * @param hasData whether it had any {@code data:} line (a comment-only event has none)
     * @param end     index in the array last passed to {@link #feed} just past the event's blank line
     */
    void onEvent(byte[] data, int dataLength, boolean hasData, int end);
  }

  private static final byte[] NL = {'\n'};

  private byte[] line = new byte[256];
  private int lineLength;
  private byte[] data = new byte[512];
  private int dataLength;
  private boolean hasData;
  private boolean afterCr;

  /** Parses {@code length} bytes of {@code bytes} from {@code offset}. */
  public void feed(byte[] bytes, int offset, int length, Listener listener) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (afterCr) {
        afterCr = false;
        if (bytes[i] == '\n') {
          i++;
          continue;
        }
      }
      int start = i;
      while (i < end && bytes[i] != '\n' && bytes[i] != '\r') i++;
      if (i == end) {
        append(bytes, start, i - start);
        return;
      }
      afterCr = bytes[i] == '\r';
      i++;
      if (lineLength == 0) {
        // The whole line sits in this chunk: no copy.
        endLine(bytes, start, i - 1 - start, i, listener);
      } else {
        append(bytes, start, i - 1 - start);
        int n = lineLength;
        lineLength = 0;
        endLine(line, 0, n, i, listener);
      }
    }
  }

  private void endLine(byte[] b, int off, int len, int eventEnd, Listener listener) {
    if (len == 0) {
      boolean had = hasData;
      int n = dataLength;
      hasData = false;
      dataLength = 0;
      listener.onEvent(data, n, had, eventEnd);
      return;
    }
    if (len >= 5 && b[off] == 'd' && b[off + 1] == 'a' && b[off + 2] == 't' && b[off + 3] == 'a' && b[off + 4] == ':') {
      int v = off + 5;
      if (v < off + len && b[v] == ' ') v++;
      if (hasData) addData(NL, 0, 1);
      addData(b, v, off + len - v);
      hasData = true;
    } else if (len == 4 && b[off] == 'd' && b[off + 1] == 'a' && b[off + 2] == 't' && b[off + 3] == 'a') {
      if (hasData) addData(NL, 0, 1);
      hasData = true;
    }
  }

  private void append(byte[] b, int off, int len) {
    if (lineLength + len > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
    System.arraycopy(b, off, line, lineLength, len);
    lineLength += len;
  }

  private void addData(byte[] b, int off, int len) {
    if (dataLength + len > data.length) data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, dataLength + len));
    System.arraycopy(b, off, data, dataLength, len);
    dataLength += len;
  }
}
