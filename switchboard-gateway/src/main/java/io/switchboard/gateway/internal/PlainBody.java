package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A non-stream body: forwarded unchanged while a {@link UsageFinder} reads {@code usage} from the same
 * chunks without buffering the body. Error bodies are not scanned. A body that is not JSON just yields no
 * usage. A body that arrived in one chunk is read from its end first ({@link UsageFinder#findFromEnd}).
 *
 * <p>Each chunk is held until the next one arrives or the body ends, so the last chunk goes out with the end
 * of the response: a body that arrives in one piece (the usual completion) is sent, head included, with one
 * write and one flush instead of two. The end arrives in the same read as the last chunk, so holding it
 * delays nothing.
 */
final class PlainBody implements BodySink {
  private final Exchange x;
  private final UsageFinder usage;
  private Buffer held;
  /** Whether an earlier chunk went through the forward scan (the held one is then not the whole body). */
  private boolean fed;

  PlainBody(Exchange x, boolean scan) {
    this.x = x;
    this.usage = scan ? new UsageFinder() : null;
  }

  @Override
  public void onChunk(Buffer chunk) {
    if (held != null) {
      if (usage != null) usage.feed(((BufferInternal) held).getByteBuf());
      fed = true;
      x.response.write(held);
    }
    held = chunk;
  }

  @Override
  public boolean onEnd() {
    if (usage != null && held != null) {
      var last = ((BufferInternal) held).getByteBuf();
      if (fed || !usage.findFromEnd(last)) usage.feed(last);
    }
    if (usage != null && usage.found()) {
      x.promptTokens = usage.promptTokens();
      x.completionTokens = usage.completionTokens();
    }
    // An answer of at most one token (or an embedding) took about its time to first token: the latency model
    // learns from it. Longer plain answers are not reported: their time includes decoding, which would bias it.
    if (usage != null && (x.api == Api.EMBEDDINGS || x.completionTokens == 0 || x.completionTokens == 1)) {
      x.reportFirstToken(x.upstreamEndNanos);
    }
    Buffer last = held;
    held = null;
    if (last != null) x.response.end(last);
    else x.response.end();
    return true;
  }
}
