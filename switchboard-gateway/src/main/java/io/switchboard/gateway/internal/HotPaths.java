package io.switchboard.gateway.internal;

import io.netty.buffer.ByteBuf;

/**
 * Entry points into package-private hot-path code for the JMH benchmarks in {@code switchboard-bench}. Not an
 * API: nothing else should call these.
 */
public final class HotPaths {
  private HotPaths() {}

  /** {@link RequestPeek#parse}: the model name of a request body, or null when it is refused. */
  public static String peekModel(byte[] body, int length) {
    try {
      return RequestPeek.parse(body, length).model;
    } catch (RequestPeek.BadRequest e) {
      return null;
    }
  }

  /** {@link UsageFinder} over a whole body: its completion tokens, -1 when it has none. */
  public static int completionTokens(byte[] body, int offset, int length) {
    UsageFinder f = new UsageFinder();
    f.feed(body, offset, length);
    return f.completionTokens();
  }

  /** {@link UsageFinder} over one Netty buffer (heap or direct), as the relay feeds it. */
  public static int completionTokens(ByteBuf body) {
    UsageFinder f = new UsageFinder();
    f.feed(body);
    return f.completionTokens();
  }

  /** A body that arrived in one chunk, as {@link PlainBody} reads it: from its end, forward only if that fails. */
  public static int completionTokensOneChunk(ByteBuf body) {
    UsageFinder f = new UsageFinder();
    if (!f.findFromEnd(body)) f.feed(body);
    return f.completionTokens();
  }
}
