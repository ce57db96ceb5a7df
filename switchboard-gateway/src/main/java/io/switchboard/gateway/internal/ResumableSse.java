package io.switchboard.gateway.internal;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * The body of one upstream leg of a stream that may be continued ({@code stream.continue_on_failure}):
 * relays whole events only, and records what reached the client (the answer's text, its tokens, the chunk
 * {@code id}, {@code model} and {@code created}) in the {@link StreamContinuation}, so another endpoint can
 * continue from exactly there. Each data event is parsed (this costs a JSON parse per event, paid only by
 * groups that enable continuation); comments and other SSE fields are not relayed.
 *
 * <p>A continuation leg's events are rewritten to carry the first leg's {@code id}, {@code model} and
 * {@code created}, and its {@code usage} becomes the sum over every leg, so the client sees one stream.
 * A leg is abandoned ({@link #abandon}) the moment it breaks; events it still parses are then ignored.
 */
final class ResumableSse implements BodySink, SseParser.Listener {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private final Exchange x;
  private final StreamContinuation c;
  private final boolean continuation;
  private final SseParser parser = new SseParser();
  private final UsageScanner scanner = new UsageScanner();
  private boolean abandoned;
  private boolean firstEvent;
  private int seen;

  ResumableSse(Exchange x, StreamContinuation c, boolean continuation) {
    this.x = x;
    this.c = c;
    this.continuation = continuation;
  }

  void abandon() { abandoned = true; }

  boolean abandoned() { return abandoned; }

  /** Whether this leg delivered any event since it started. */
  boolean started() { return seen != 0; }

  @Override
  public void onChunk(Buffer chunk) {
    Bytes b = Bytes.of(chunk);
    parser.feed(b.array(), b.offset(), b.length(), this);
  }

  @Override
  public boolean onEnd() {
    if ((seen & (SseEvents.DONE | SseEvents.FINISH | SseEvents.ERROR)) == 0) return false;
    x.response.end();
    return true;
  }

  @Override
  public void onEvent(byte[] data, int length, boolean hasData, int end) {
    if (!hasData || abandoned || x.finished()) return;
    int kind = SseEvents.classify(data, length);
    if ((kind & SseEvents.MALFORMED) != 0) {
      x.breakStream(GatewayError.broken(x.endpointId(), "malformed event"));
      return;
    }
    seen |= kind;
    if (kind == SseEvents.DONE || (kind & SseEvents.ERROR) != 0) {
      write(data, 0, length);
      return;
    }
    if (!firstEvent) {
      // This leg's first token: the client's TTFT on the first leg, the endpoint's own on every leg.
      firstEvent = true;
      long now = x.now();
      if (x.firstTokenNanos == 0) x.firstTokenNanos = now;
      x.reportFirstToken(now);
      x.served(x.routeRequest.promptTokens());
    } else {
      x.served(1);
    }
    Event e = read(data, length);
    if (e == null) {
      x.breakStream(GatewayError.broken(x.endpointId(), "malformed event"));
      return;
    }
    if (e.usage) {
      x.promptTokens = c.promptTokens(scanner.promptTokens);
      x.completionTokens = c.completionTokens(scanner.completionTokens);
    }
    if (e.usage && scanner.usageOnly() && x.dropUsageChunk) return;
    if (continuation) {
      byte[] out = rewrite(data, length);
      if (out == null) {
        x.breakStream(GatewayError.broken(x.endpointId(), "malformed event"));
        return;
      }
      write(out, 0, out.length);
    } else {
      write(data, 0, length);
    }
    c.relayed(e.text, e.toolCalls, (kind & SseEvents.CONTENT) != 0);
  }

  private void write(byte[] data, int offset, int length) {
    Buffer b = Buffer.buffer(length + 8);
    b.appendBytes(DATA).appendBytes(data, offset, length).appendBytes(END);
    x.response.write(b);
  }

  private record Event(String text, boolean toolCalls, boolean usage) {}

  /**
   * Reads one event: the text of {@code choices[0].delta.content} (chat) or {@code choices[0].text}
   * (completions), whether it carries tool calls, its usage (into {@link #scanner}), and, on the first
   * leg, the stream's {@code id}, {@code model} and {@code created}. Null when it is not JSON.
   */
  private Event read(byte[] data, int length) {
    scanner.reset();
    StringBuilder text = null;
    boolean tools = false;
    boolean toolsOpened = false;
    int depth = 0;
    String top = null;
    String inner = null;
    try (JsonParser p = RequestPeek.JSON.createParser(ObjectReadContext.empty(), data, 0, length)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        scanner.token(t, p);
        // Tool calls cannot be continued as text: a non-empty tool_calls array marks the leg.
        if (toolsOpened && t != JsonToken.END_ARRAY) tools = true;
        toolsOpened = false;
        switch (t) {
          case START_OBJECT -> depth++;
          case START_ARRAY -> {
            depth++;
            toolsOpened = "tool_calls".equals(inner);
          }
          case END_OBJECT, END_ARRAY -> depth--;
          case PROPERTY_NAME -> {
            if (depth == 1) top = p.currentName();
            else inner = p.currentName();
            if ("function_call".equals(inner)) tools = true;
          }
          case VALUE_STRING -> {
            // choices[0] is at depth 3 (root, array, object); delta's members at depth 4.
            if ("choices".equals(top) && ("content".equals(inner) && depth == 4 || "text".equals(inner) && depth == 3)) {
              if (text == null) text = new StringBuilder();
              text.append(p.getString());
            } else if (depth == 1 && !continuation && ("id".equals(top) || "model".equals(top))) {
              c.identity(top, p.getString());
            }
          }
          case VALUE_NUMBER_INT -> {
            if (depth == 1 && !continuation && "created".equals(top)) c.identity(top, p.getText());
          }
          default -> { }
        }
      }
    } catch (JacksonException ex) {
      return null;
    }
    return new Event(text == null ? "" : text.toString(), tools, scanner.usage);
  }

  /** A continuation leg's event with the first leg's identity and the summed usage. */
  private byte[] rewrite(byte[] data, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 32);
    try (JsonParser p = RequestPeek.JSON.createParser(ObjectReadContext.empty(), data, 0, length);
         JsonGenerator g = RequestPeek.JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      g.writeStartObject();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        String kept = c.identity(name);
        g.writeName(name);
        if (kept != null && v.isScalarValue()) {
          if ("created".equals(name)) g.writeNumber(Long.parseLong(kept));
          else g.writeString(kept);
        } else if ("usage".equals(name) && v == JsonToken.START_OBJECT) {
          p.skipChildren();
          g.writeStartObject();
          g.writeNumberProperty("prompt_tokens", x.promptTokens);
          g.writeNumberProperty("completion_tokens", x.completionTokens);
          g.writeNumberProperty("total_tokens", (long) x.promptTokens + x.completionTokens);
          g.writeEndObject();
        } else {
          g.copyCurrentStructure(p);
        }
      }
      g.writeEndObject();
    } catch (JacksonException | NumberFormatException ex) {
      return null;
    }
    return out.toByteArray();
  }
}
