package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;

/**
 * Gathers a request body into one array, counting bytes as they arrive so an over-limit body is refused
 * at the chunk that crosses the limit, not after it was all buffered. Sized from Content-Length when
 * the client sent one, so the usual body is copied exactly once.
 */
final class BodyCollector {
  private final long limit;
  private byte[] bytes;
  private int length;

  BodyCollector(long declaredLength, long limit) {
    this.limit = limit;
    this.bytes = new byte[declaredLength >= 0 ? (int) declaredLength : 1024];
  }

  /** Appends a chunk; false (and nothing kept) when the body would exceed the limit. */
  boolean append(Buffer chunk) {
    int n = chunk.length();
    if ((long) length + n > limit) return false;
    if (length + n > bytes.length) {
      bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(limit, Math.max((long) bytes.length * 2, length + n)));
    }
    chunk.getBytes(0, n, bytes, length);
    length += n;
    return true;
  }

  byte[] bytes() { return bytes; }

  int length() { return length; }
}
