package io.switchboard.gateway.internal;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** Array access to a Vert.x buffer's bytes: its backing array when it has one, else one copy. */
record Bytes(byte[] array, int offset, int length) {
  static Bytes of(Buffer b) {
    ByteBuf bb = ((BufferInternal) b).getByteBuf();
    if (bb.hasArray()) return new Bytes(bb.array(), bb.arrayOffset() + bb.readerIndex(), bb.readableBytes());
    byte[] copy = b.getBytes();
    return new Bytes(copy, 0, copy.length);
  }
}
