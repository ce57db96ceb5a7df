package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;

/**
 * A non-stream body: forwarded chunk by chunk unchanged while Jackson's non-blocking parser, fed the same
 * chunks, finds {@code usage} without buffering the body. Error bodies are not scanned. A body that is
 * not JSON just yields no usage.
 */
final class PlainBody implements BodySink {
  private final Exchange x;
  private final UsageScanner scanner = new UsageScanner();
  private JsonParser parser;

  PlainBody(Exchange x, boolean scan) {
    this.x = x;
    if (scan) parser = RequestPeek.JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty());
  }

  @Override
  public void onChunk(Buffer chunk) {
    if (parser != null) scan(chunk);
    x.response.write(chunk);
  }

  @Override
  public boolean onEnd() {
    if (parser == null) return true;
    try {
      ((ByteArrayFeeder) parser.nonBlockingInputFeeder()).endOfInput();
      drain();
    } catch (JacksonException e) {
      // Not JSON after all: no usage to account.
    }
    close();
    if (scanner.usage) {
      x.promptTokens = scanner.promptTokens;
      x.completionTokens = scanner.completionTokens;
    }
    return true;
  }

  private void scan(Buffer chunk) {
    Bytes b = Bytes.of(chunk);
    try {
      ((ByteArrayFeeder) parser.nonBlockingInputFeeder()).feedInput(b.array(), b.offset(), b.offset() + b.length());
      drain();
    } catch (JacksonException e) {
      close();
    }
  }

  private void drain() {
    JsonToken t;
    while ((t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) scanner.token(t, parser);
  }

  private void close() {
    if (parser != null) parser.close();
    parser = null;
  }
}
