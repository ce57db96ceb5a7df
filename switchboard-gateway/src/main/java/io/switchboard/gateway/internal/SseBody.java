package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * A stream body: parses events as they pass to find the first token (TTFT), count served tokens and read
 * {@code usage}. When the gateway added {@code include_usage} itself, the usage-only event is dropped;
 * the relay then forwards whole events only (a partial event waits in {@code carry} for its end), which
 * costs a copy only for events split across chunks. Otherwise chunks are forwarded exactly as received.
 */
final class SseBody implements BodySink, SseParser.Listener {
  private static final byte[] USAGE = "\"usage\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Exchange x;
  private final SseParser parser = new SseParser();
  private final UsageScanner scanner = new UsageScanner();
  private Buffer chunk;
  private Buffer carry;
  private int base;
  private int keptFrom;
  private int eventStart;
  private int seen;

  SseBody(Exchange x) { this.x = x; }

  @Override
  public void onChunk(Buffer chunk) {
    Bytes b = Bytes.of(chunk);
    if (!x.dropUsageChunk) {
      parser.feed(b.array(), b.offset(), b.length(), this);
      if (!x.finished()) x.response.write(chunk);
      return;
    }
    this.chunk = chunk;
    base = b.offset();
    keptFrom = 0;
    eventStart = carry == null ? 0 : -1;
    parser.feed(b.array(), b.offset(), b.length(), this);
    if (x.finished()) return;
    int tail = eventStart < 0 ? 0 : eventStart;
    if (tail > keptFrom) x.response.write(chunk.slice(keptFrom, tail));
    if (tail < b.length()) {
      if (carry == null) carry = Buffer.buffer(chunk.length() - tail + 256);
      carry.appendBuffer(chunk, tail, chunk.length() - tail);
    }
    this.chunk = null;
  }

  @Override
  public boolean onEnd() {
    boolean complete = (seen & (SseEvents.DONE | SseEvents.FINISH | SseEvents.ERROR)) != 0;
    if (!complete) {
      carry = null;
      return false;
    }
    // The upstream ended inside an event: pass the fragment on as it came, with the end of the response.
    Buffer last = carry;
    carry = null;
    if (last != null) x.response.end(last);
    else x.response.end();
    return true;
  }

  @Override
  public void onEvent(byte[] data, int length, boolean hasData, int end) {
    if (x.finished()) return;
    boolean drop = hasData && account(data, length);
    if (x.finished()) return;
    if (chunk == null) return;
    int endInChunk = end - base;
    if (drop) {
      if (eventStart > keptFrom) x.response.write(chunk.slice(keptFrom, eventStart));
      keptFrom = endInChunk;
      carry = null;
    } else if (carry != null) {
      x.response.write(carry);
      carry = null;
    }
    eventStart = endInChunk;
  }

  /** Accounts one data event; true when it is the usage-only event the client did not ask for. */
  private boolean account(byte[] data, int length) {
    int kind = SseEvents.classify(data, length);
    seen |= kind;
    if ((kind & SseEvents.MALFORMED) != 0) {
      // A client cannot parse it; what follows cannot be trusted either. End with an explicit error.
      x.fail(GatewayError.broken(x.endpointId(), "malformed event"));
      return false;
    }
    if (kind == SseEvents.DONE) return false;
    if (x.firstTokenNanos == 0) {
      x.firstTokenNanos = x.now();
      x.reportFirstToken(x.firstTokenNanos);
      x.served(x.routeRequest.promptTokens());
    } else {
      x.served(1);
    }
    if (!contains(data, length, USAGE)) return false;
    scanner.reset();
    try (JsonParser p = RequestPeek.JSON.createParser(ObjectReadContext.empty(), data, 0, length)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) scanner.token(t, p);
    } catch (JacksonException e) {
      return false;
    }
    if (scanner.usage) {
      x.promptTokens = scanner.promptTokens;
      x.completionTokens = scanner.completionTokens;
    }
    return x.dropUsageChunk && scanner.usageOnly();
  }

  private static boolean contains(byte[] data, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) if (data[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }
}
