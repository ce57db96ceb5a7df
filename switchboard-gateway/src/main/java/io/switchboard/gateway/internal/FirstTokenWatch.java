package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;

/**
 * Reads a held stream's events up to its commit point: the first content token, a finish reason or
 * {@code [DONE]}. A malformed event or an error event before that point is the stream's failure, which
 * the attempt can still take elsewhere. Shared by the first attempt and a hedge, which hold the same way.
 */
final class FirstTokenWatch implements SseParser.Listener {
  private static final int COMMIT = SseEvents.CONTENT | SseEvents.FINISH | SseEvents.DONE;

  private final SseParser parser = new SseParser();
  private int seen;
  private String problem;

  /** Reads {@code chunk}; afterwards {@link #problem()} or {@link #reached()} may have become true. */
  void feed(Buffer chunk) {
    Bytes b = Bytes.of(chunk);
    parser.feed(b.array(), b.offset(), b.length(), this);
  }

  @Override
  public void onEvent(byte[] data, int length, boolean hasData, int end) {
    if (!hasData || problem != null || (seen & COMMIT) != 0) return;
    int f = SseEvents.classify(data, length);
    if ((f & SseEvents.MALFORMED) != 0) problem = "malformed event before the first token";
    else if ((f & SseEvents.ERROR) != 0) problem = "error event before the first token";
    else seen |= f;
  }

  /** The commit point was reached: content, a finish reason or {@code [DONE]}. */
  boolean reached() { return (seen & COMMIT) != 0; }

  /** The stream said it is finished (a finish reason or {@code [DONE]}). */
  boolean finished() { return (seen & (SseEvents.FINISH | SseEvents.DONE)) != 0; }

  /** Why the stream failed before its first token, or null. */
  String problem() { return problem; }
}
