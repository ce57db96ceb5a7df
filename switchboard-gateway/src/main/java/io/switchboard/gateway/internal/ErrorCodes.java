package io.switchboard.gateway.internal;

import io.switchboard.core.resilience.AttemptOutcome;
import io.vertx.core.buffer.Buffer;

/**
 * Finds the provider error codes that change what the gateway does next ({@code context_length_exceeded},
 * a content-policy refusal) in a held error body, by byte search: error bodies are small and their shape
 * varies by provider, so no JSON tree is built.
 */
final class ErrorCodes {
  private static final String[] KNOWN = {
      AttemptOutcome.CONTEXT_LENGTH_EXCEEDED, AttemptOutcome.CONTENT_POLICY_VIOLATION, AttemptOutcome.CONTENT_FILTER};
  private static final byte[][] NEEDLES = {
      SseEvents.bytes("\"" + KNOWN[0] + "\""), SseEvents.bytes("\"" + KNOWN[1] + "\""), SseEvents.bytes("\"" + KNOWN[2] + "\"")};

  private ErrorCodes() {}

  /** The first known code quoted in {@code body}, or {@code ""}. */
  static String find(Buffer body) {
    if (body == null || body.length() == 0) return "";
    Bytes b = Bytes.of(body);
    for (int i = 0; i < NEEDLES.length; i++) {
      if (SseEvents.indexOf(b.array(), b.offset() + b.length(), NEEDLES[i], b.offset()) >= 0) return KNOWN[i];
    }
    return "";
  }
}
