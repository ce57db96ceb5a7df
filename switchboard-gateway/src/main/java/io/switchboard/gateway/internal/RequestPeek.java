package io.switchboard.gateway.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * What the gateway reads from a request body, found with Jackson's streaming parser in one pass: top-level
 * {@code model}, {@code stream}, {@code stream_options.include_usage}, {@code max_tokens} (or
 * {@code max_completion_tokens}), {@code user}, and the prompt's text ({@code messages[].content} strings and
 * text parts, or {@code prompt}) for prefix hashing. Every other value is skipped without being decoded.
 * Byte offsets of the tokens a rewrite may touch are kept, so {@link BodyRewriter} can splice the original
 * bytes instead of re-serialising the body.
 */
final class RequestPeek {
  /**
   * The gateway's one factory for request and answer bodies. Buffers are recycled per thread: every parse runs
   * on an event loop (platform threads that live as long as the gateway), and the default shared deque pool
   * costs a lock-free deque round trip, with a node allocation, per parser.
   */
  static final JsonFactory JSON = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();

  /** How {@code stream_options} (or its {@code include_usage}) appeared in the body. */
  enum Presence { ABSENT, NULL, TRUE, FALSE, OBJECT }

  String model;
  int modelStart = -1;
  int modelEnd = -1;
  boolean stream;
  Presence streamOptions = Presence.ABSENT;
  int streamOptionsStart = -1;
  boolean streamOptionsEmpty = true;
  Presence includeUsage = Presence.ABSENT;
  int includeUsageStart = -1;
  int maxTokens = -1;
  String user;
  /** The prompt's text in order (message contents, or {@code prompt}); empty when the body has none. */
  final StringBuilder promptText = new StringBuilder();
  /** Chat messages read with the prompt's text (0 when the prompt is not read, or is a completions prompt). */
  int messages;
  /** Token ids in a {@code prompt} given as ids (exact prompt size); 0 when the prompt is text or not read. */
  int promptTokenIds;
  int rootEnd = -1;

  /** A body the gateway refuses with a 400; {@link #error} says why. */
  static final class BadRequest extends Exception {
    final GatewayError error;

    BadRequest(GatewayError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  static RequestPeek parse(byte[] body, int length) throws BadRequest { return parse(body, length, true); }

  /** {@code withPrompt}: collect the prompt's text; without it the messages are validated and skipped. */
  static RequestPeek parse(byte[] body, int length, boolean withPrompt) throws BadRequest {
    RequestPeek r = new RequestPeek();
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest(GatewayError.badJson("the body must be a JSON object"));
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        t = p.nextToken();
        switch (name) {
          case "model" -> r.model(p, t, body);
          case "stream" -> r.stream = bool(t, "stream");
          case "stream_options" -> r.streamOptions(p, t);
          case "max_tokens", "max_completion_tokens" -> r.maxTokens(p, t);
          case "user" -> {
            if (t == JsonToken.VALUE_STRING) r.user = p.getString();
            else p.skipChildren();
          }
          case "messages" -> {
            if (withPrompt) r.messages(p, t);
            else p.skipChildren();
          }
          case "prompt" -> {
            if (withPrompt) r.text(p, t);
            else p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
      r.rootEnd = (int) p.currentTokenLocation().getByteOffset();
      if (p.nextToken() != null) throw new BadRequest(GatewayError.badJson("unexpected content after the object"));
    } catch (JacksonException e) {
      throw new BadRequest(GatewayError.badJson(e.getOriginalMessage()));
    }
    return r;
  }

  private void model(JsonParser p, JsonToken t, byte[] body) throws BadRequest {
    if (t == JsonToken.VALUE_NULL) return;
    if (t != JsonToken.VALUE_STRING) throw new BadRequest(GatewayError.invalidField("model", "model must be a string"));
    model = p.getString();
    if (model.isEmpty()) {
      model = null;
      return;
    }
    modelStart = (int) p.currentTokenLocation().getByteOffset();
    modelEnd = stringEnd(body, modelStart);
  }

  private void streamOptions(JsonParser p, JsonToken t) throws BadRequest {
    streamOptionsStart = (int) p.currentTokenLocation().getByteOffset();
    if (t == JsonToken.VALUE_NULL) {
      streamOptions = Presence.NULL;
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new BadRequest(GatewayError.invalidField("stream_options", "stream_options must be an object"));
    }
    streamOptions = Presence.OBJECT;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      streamOptionsEmpty = false;
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (!"include_usage".equals(name)) {
        p.skipChildren();
        continue;
      }
      includeUsageStart = (int) p.currentTokenLocation().getByteOffset();
      includeUsage = switch (v) {
        case VALUE_TRUE -> Presence.TRUE;
        case VALUE_FALSE -> Presence.FALSE;
        case VALUE_NULL -> Presence.NULL;
        default -> throw new BadRequest(GatewayError.invalidField("stream_options.include_usage",
            "stream_options.include_usage must be a boolean"));
      };
    }
  }

  /** Appends each message's text content; anything not shaped like chat messages is skipped. */
  private void messages(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      messages++;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("content".equals(name)) text(p, v);
        else p.skipChildren();
      }
    }
  }

  /** Appends a string, or the strings and {@code text} fields of an array of them (content parts). */
  private void text(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      appendString(p);
    } else if (t == JsonToken.START_ARRAY) {
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        if (t == JsonToken.VALUE_STRING) {
          appendString(p);
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          // A prompt given as token ids: hash their decimal form, so shared id prefixes share blocks.
          promptText.append(p.getIntValue()).append(' ');
          promptTokenIds++;
        } else if (t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("text".equals(name) && v == JsonToken.VALUE_STRING) appendString(p);
            else p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
  }

  private void maxTokens(JsonParser p, JsonToken t) {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      p.skipChildren();
      return;
    }
    try {
      int v = p.getIntValue();
      if (v >= 0) maxTokens = v;
    } catch (JacksonException overflow) {
      // Out of int range: leave the estimate to the default; the upstream will judge the value.
    }
  }

  private static boolean bool(JsonToken t, String field) throws BadRequest {
    return switch (t) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      default -> throw new BadRequest(GatewayError.invalidField(field, field + " must be a boolean"));
    };
  }

  /** Offset just past the closing quote of the (already validated) string starting at {@code quote}. */
  static int stringEnd(byte[] body, int quote) {
    int i = quote + 1;
    while (body[i] != '"') i += body[i] == '\\' ? 2 : 1;
    return i + 1;
  }

  /** Appends the current string from the parser's buffer, without making a {@code String} of it. */
  private void appendString(JsonParser p) {
    promptText.append(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
  }
}
