package io.switchboard.gateway.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Finds the top-level {@code usage} object ({@code prompt_tokens}, {@code completion_tokens}) of a JSON
 * document fed in chunks of any size, without tokenising the rest of it.
 *
 * <p>How: a byte loop that tracks only what locates a top-level key: nesting depth, whether it is inside a
 * string (and after a backslash), and, at depth 1, whether the next string is a key. When the key
 * {@code "usage"} is followed by an object, that object's bytes are copied (at most {@link #MAX_USAGE_BYTES})
 * up to its closing brace, and only they go through Jackson's parser. A completion's body is mostly the
 * answer text, which this loop passes over at a few cycles per byte instead of decoding it into tokens.
 *
 * <p>Not a validator: a body that is not JSON yields no usage, or, if it contains something shaped like a
 * top-level usage object, that object; either way nothing is thrown. A key spelled with escapes
 * ({@code "\u0075sage"}) is not recognised. One per body; not thread-safe.
 */
final class UsageFinder implements ByteProcessor {
  static final int MAX_USAGE_BYTES = 16 * 1024;
  private static final byte[] USAGE = {'u', 's', 'a', 'g', 'e'};

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

  void feed(ByteBuf chunk) { chunk.forEachByte(this); }

  void feed(byte[] bytes, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) process(bytes[i]);
  }

  @Override
  public boolean process(byte c) {
    if (capturedLength >= 0) capture(c);
    if (inString) {
      inString(c);
      return true;
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
    return true;
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
    try (JsonParser p = RequestPeek.JSON.createParser(ObjectReadContext.empty(), captured, 0, n)) {
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
      found = true;
      promptTokens = prompt;
      completionTokens = completion;
    } catch (JacksonException e) {
      // Not a JSON object after all: no usage.
    }
  }
}
