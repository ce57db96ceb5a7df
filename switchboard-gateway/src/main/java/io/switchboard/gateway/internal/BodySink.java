package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;

/** Where the relay puts the upstream body: it forwards to the client and does the accounting on the way. */
interface BodySink {
  void onChunk(Buffer chunk);

  /** The upstream body ended: forward anything held back and end the client's response. */
  void onEnd();
}
