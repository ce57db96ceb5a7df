package io.switchboard.gateway.internal;

import io.netty.util.AsciiString;

import java.util.random.RandomGenerator;

/**
 * Makes request ids: 16 lowercase hex digits, as an {@code AsciiString} (written into response headers as
 * bytes; its {@code toString()} is made once and kept). Not thread-safe: one instance per event loop.
 */
final class RequestIds {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final RandomGenerator random;

  RequestIds(RandomGenerator random) { this.random = random; }

  AsciiString next() {
    long v = random.nextLong();
    byte[] out = new byte[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
    return new AsciiString(out, false);
  }
}
