package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;

/** Where the relay puts the upstream body: it forwards to the client and does the accounting on the way. */
interface BodySink {
  void onChunk(Buffer chunk);

  /**
   * The upstream body ended. A complete body is forwarded, with anything held back, and the client's response
   * ended: returns true. An incomplete one (a stream without {@code [DONE]} or a finish reason) is not ended
   * and false is returned: the relay then ends it with an error, not cleanly.
   */
  boolean onEnd();
}
