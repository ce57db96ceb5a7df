package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;

/** Where the relay puts the upstream body: it forwards to the client and does the accounting on the way. */
interface BodySink {
  void onChunk(Buffer chunk);

  /**
   * The upstream body ended; forward anything held back. Returns false when the body is incomplete (a
   * stream without {@code [DONE]} or a finish reason): the relay then ends it with an error, not cleanly.
   */
  boolean onEnd();
}
