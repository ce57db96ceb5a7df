package io.switchboard.gateway.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Finds the top-level {@code usage} object ({@code prompt_tokens}, {@code completion_tokens}) of a JSON
 * document fed in chunks of any size, without tokenising the rest of it.
 *
 * <p>How: a byte loop that tracks only what locates a top-level key: nesting depth, whether it is inside a
 * string (and after a backslash), and, at depth 1, whether the next string is a key. Inside a value string
 * it only looks for the closing quote or a backslash. When the key
 * {@code "usage"} is followed by an object, that object's bytes are copied (at most {@link #MAX_USAGE_BYTES})
 * up to its closing brace, and only they go through Jackson's parser. A completion's body is mostly the
 * answer text, which this loop passes over at a few cycles per byte instead of decoding it into tokens.
 *
 * <p>A body that arrived whole is first read from its end ({@link #findFromEnd}): OpenAI-shaped answers put
 * {@code usage} last, so only the usage object and the few top-level members after it are touched. When that
 * does not settle it, the forward scan reads the body as above.
 *
 * <p>Not a validator: a body that is not JSON yields no usage, or, if it contains something shaped like a
 * top-level usage object, that object; either way nothing is thrown. A key spelled with escapes
 * ({@code "\u0075sage"}) is not recognised. One per body; not thread-safe.
 */
final class UsageFinder {
  static final int MAX_USAGE_BYTES = 16 * 1024;
  /** How much of a whole body's end {@link #findFromEnd(ByteBuf)} reads: the per-thread scratch buffer. */
  static final int TAIL_BYTES = 4096;
  private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() { return new byte[TAIL_BYTES]; }
  };
  private static final byte[] USAGE = {'u', 's', 'a', 'g', 'e'};
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private int depth;
  private boolean inString;
  private boolean escaped;
  /** At depth 1: the next string is a key (after '{' or ','). */
  private boolean expectKey;
  private boolean inKey;
  /** How many bytes of the current key matched "usage"; -1 once it cannot match. */
  private int keyMatched;
  /** The last top-level key was "usage" and its value has not started yet. */
  private boolean usageKey;
  private byte[] captured;
  private int capturedLength = -1;
  private boolean found;
  private int promptTokens = -1;
  private int completionTokens = -1;

  boolean found() { return found; }

  int promptTokens() { return promptTokens; }

  int completionTokens() { return completionTokens; }

  /** Scans a chunk without consuming it; a direct buffer is copied piecewise into a per-thread array. */
  void feed(ByteBuf chunk) {
    int from = chunk.readerIndex();
    int left = chunk.readableBytes();
    if (chunk.hasArray()) {
      feed(chunk.array(), chunk.arrayOffset() + from, left);
      return;
    }
    byte[] scratch = SCRATCH.get();
    while (left > 0) {
      int n = Math.min(left, scratch.length);
      chunk.getBytes(from, scratch, 0, n);
      feed(scratch, 0, n);
      from += n;
      left -= n;
    }
  }

  /**
   * Reads a whole body from its end: true when the top-level {@code usage} object was found walking its members
   * back from the closing brace (OpenAI puts it last, before at most a few short members), false when the
   * caller must {@link #feed} the body instead. Reads at most the last {@link #TAIL_BYTES} bytes.
   */
  boolean findFromEnd(ByteBuf body) {
    int n = Math.min(body.readableBytes(), TAIL_BYTES);
    int from = body.readerIndex() + body.readableBytes() - n;
    if (body.hasArray()) return findFromEnd(body.array(), body.arrayOffset() + from, body.arrayOffset() + from + n);
    byte[] scratch = SCRATCH.get();
    body.getBytes(from, scratch, 0, n);
    return findFromEnd(scratch, 0, n);
  }

  /**
   * Walks the top-level members of {@code b[from..to)} backwards (value, colon, key, comma) until the key
   * {@code "usage"} with an object value; strings are skipped quote to quote (a quote preceded by an odd run
   * of backslashes is escaped), containers by bracket depth.
   */
  boolean findFromEnd(byte[] b, int from, int to) {
    int i = backOverSpace(b, to - 1, from);
    if (i < from || b[i] != '}') return false;
    i--;
    while (true) {
      i = backOverSpace(b, i, from);
      if (i < from || b[i] == '{') return false;
      int valueEnd = i + 1;
      int valueStart = valueStart(b, i, from);
      if (valueStart < 0) return false;
      i = backOverSpace(b, valueStart - 1, from);
      if (i < from || b[i] != ':') return false;
      i = backOverSpace(b, i - 1, from);
      if (i < from || b[i] != '"') return false;
      int keyStart = stringStart(b, i, from);
      if (keyStart < 0) return false;
      if (b[valueStart] == '{' && i - keyStart - 1 == USAGE.length
          && java.util.Arrays.equals(b, keyStart + 1, i, USAGE, 0, USAGE.length)) {
        readUsage(b, valueStart, valueEnd - valueStart);
        return found;
      }
      i = backOverSpace(b, keyStart - 1, from);
      if (i < from || b[i] != ',') return false;
      i--;
    }
  }

  private static int backOverSpace(byte[] b, int i, int from) {
    while (i >= from && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i--;
    return i;
  }

  /** The first byte of the value ending at {@code b[last]}, or -1 when it does not start inside the window. */
  private static int valueStart(byte[] b, int last, int from) {
    byte c = b[last];
    if (c == '"') return stringStart(b, last, from);
    if (c == '}' || c == ']') {
      int depth = 0;
      for (int j = last; j >= from; j--) {
        byte d = b[j];
        if (d == '"') {
          j = stringStart(b, j, from);
          if (j < 0) return -1;
        } else if (d == '}' || d == ']') {
          depth++;
        } else if ((d == '{' || d == '[') && --depth == 0) {
          return j;
        }
      }
      return -1;
    }
    int j = last;
    while (j >= from && b[j] != ',' && b[j] != ':' && b[j] != '{' && b[j] != '[' && b[j] != ' '
        && b[j] != '\n' && b[j] != '\r' && b[j] != '\t') {
      j--;
    }
    return j >= from ? j + 1 : -1;
  }

  /** The opening quote of the string whose closing quote is {@code b[close]}, or -1. */
  private static int stringStart(byte[] b, int close, int from) {
    for (int j = close - 1; j >= from; j--) {
      if (b[j] != '"') continue;
      int slashes = 0;
      while (j - 1 - slashes >= from && b[j - 1 - slashes] == '\\') slashes++;
      if ((slashes & 1) == 0) return j;
    }
    return -1;
  }

  void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (inString && !inKey && !escaped && capturedLength < 0) {
        // Inside a value string (most of a completion): only a quote or a backslash matters.
        i = nextQuoteOrBackslash(bytes, i, end);
        if (i == end) return;
      }
      process(bytes[i++]);
    }
  }

  /**
   * The index of the first '"' or '\\' in {@code b[i..end)}, or {@code end}: eight bytes per step with the
   * "has zero byte" bit trick (Hacker's Delight, 6-1) on the word XORed with each character. The lowest
   * flagged byte is exact; a borrow can only flag bytes above a real match.
   */
  static int nextQuoteOrBackslash(byte[] b, int i, int end) {
    for (; i + 8 <= end; i += 8) {
      long w = (long) LONGS.get(b, i);
      long q = w ^ 0x2222222222222222L;
      long s = w ^ 0x5C5C5C5C5C5C5C5CL;
      long hit = ((q - 0x0101010101010101L) & ~q | (s - 0x0101010101010101L) & ~s) & 0x8080808080808080L;
      if (hit != 0) return i + (Long.numberOfTrailingZeros(hit) >>> 3);
    }
    while (i < end && b[i] != '"' && b[i] != '\\') i++;
    return i;
  }

  private void process(byte c) {
    if (capturedLength >= 0) capture(c);
    if (inString) {
      inString(c);
      return;
    }
    switch (c) {
      case '"' -> {
        inString = true;
        inKey = depth == 1 && expectKey;
        if (inKey) {
          expectKey = false;
          keyMatched = 0;
        }
        if (depth == 1 && !inKey) usageKey = false;
      }
      case '{', '[' -> {
        if (depth == 1 && usageKey && c == '{' && !found) startCapture();
        usageKey = false;
        depth++;
        expectKey = depth == 1 && c == '{';
      }
      case '}', ']' -> {
        depth--;
        if (depth == 1 && capturedLength >= 0) endCapture();
      }
      case ',' -> {
        if (depth == 1) {
          expectKey = true;
          usageKey = false;
        }
      }
      case ':', ' ', '\t', '\n', '\r' -> { }
      default -> {
        if (depth == 1) usageKey = false; // a number or literal value
      }
    }
  }

  private void inString(byte c) {
    if (escaped) {
      escaped = false;
      keyMatched = -1;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      inString = false;
      if (inKey) usageKey = keyMatched == USAGE.length;
      inKey = false;
    } else if (inKey && keyMatched >= 0) {
      keyMatched = keyMatched < USAGE.length && c == USAGE[keyMatched] ? keyMatched + 1 : -1;
    }
  }

  private void startCapture() {
    if (captured == null) captured = new byte[256];
    capturedLength = 0;
    capture((byte) '{');
  }

  private void capture(byte c) {
    if (capturedLength == captured.length) {
      if (captured.length >= MAX_USAGE_BYTES) {
        capturedLength = -1; // not a usage object worth reading
        return;
      }
      captured = java.util.Arrays.copyOf(captured, Math.min(MAX_USAGE_BYTES, captured.length * 2));
    }
    captured[capturedLength++] = c;
  }

  private void endCapture() {
    int n = capturedLength;
    capturedLength = -1;
    readUsage(captured, 0, n);
  }

  /** Reads {@code prompt_tokens} and {@code completion_tokens} of the usage object in {@code b[off..off+n)}. */
  private void readUsage(byte[] b, int off, int n) {
    // The usual object is tiny and flat ({"prompt_tokens":250,"completion_tokens":7,...}): read its two
    // integers by hand, and leave anything else (nested details, other types) to Jackson.
    if (readFlat(b, off, n)) return;
    try (JsonParser p = RequestPeek.JSON.createParser(ObjectReadContext.empty(), b, off, n)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return;
      int prompt = -1;
      int completion = -1;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NUMBER_INT && "prompt_tokens".equals(name)) prompt = p.getValueAsInt(-1);
        else if (v == JsonToken.VALUE_NUMBER_INT && "completion_tokens".equals(name)) completion = p.getValueAsInt(-1);
        else p.skipChildren();
      }
      if (p.nextToken() != null) return;
      found = true;
      promptTokens = prompt;
      completionTokens = completion;
    } catch (JacksonException e) {
      // Not a JSON object after all: no usage.
    }
  }

  private static final byte[] PROMPT = "\"prompt_tokens\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] COMPLETION = "\"completion_tokens\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Reads {@code {"key":<int>,...}} where every key is a plain string and every value a non-negative int
   * below 10^9 (no whitespace, no nesting, no escapes); false, having read nothing, for anything else.
   */
  private boolean readFlat(byte[] b, int off, int len) {
    int prompt = -1;
    int completion = -1;
    int n = off + len;
    if (len < 2 || b[off] != '{' || b[n - 1] != '}') return false;
    int i = off + 1;
    boolean closed = len == 2;
    while (!closed) {
      int keyStart = i;
      if (b[i++] != '"') return false;
      while (i < n && b[i] != '"' && b[i] != '\\') i++;
      if (i >= n || b[i] != '"') return false;
      int keyEnd = ++i;
      if (i >= n || b[i++] != ':') return false;
      int digits = 0;
      int v = 0;
      while (i < n && b[i] >= '0' && b[i] <= '9' && digits < 9) {
        v = v * 10 + (b[i++] - '0');
        digits++;
      }
      if (digits == 0 || i >= n || (b[i] != ',' && b[i] != '}')) return false;
      if (same(b, keyStart, keyEnd, PROMPT)) prompt = v;
      else if (same(b, keyStart, keyEnd, COMPLETION)) completion = v;
      closed = b[i++] == '}';
      if (closed != (i == n)) return false;
    }
    found = true;
    promptTokens = prompt;
    completionTokens = completion;
    return true;
  }

  private static boolean same(byte[] b, int from, int to, byte[] key) {
    return to - from == key.length && java.util.Arrays.equals(b, from, to, key, 0, key.length);
  }
}
