package io.switchboard.gateway.internal;

import java.io.ByteArrayOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * The body of a request that continues a broken stream: the client's request with the partial answer
 * appended (as a final {@code assistant} message for chat, to the {@code prompt} text for completions), the
 * output limit reduced by the tokens already sent, the endpoint's upstream model, and
 * {@code stream_options.include_usage} on, so the continuation's usage can be added to the first attempt's.
 * Every other field is copied as it came. This is a translation, so the body is re-serialised with Jackson's
 * streaming API (unlike {@link BodyRewriter}, which splices).
 *
 * <p>Example: {@code {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":20,"stream":true}}
 * after 3 tokens "the quick brown" becomes {@code {"model":"m","messages":[{"role":"user","content":"hi"},
 * {"role":"assistant","content":"the quick brown"}],"max_tokens":17,"stream":true,
 * "stream_options":{"include_usage":true}}}.
 */
final class ContinuationBody {
  private ContinuationBody() {}

  /**
   * The continuation body, or null when the request cannot be continued (a completion prompt given as
   * tokens, {@code n} other than 1, no output budget left, a body that is not the expected shape).
   *
   * @param maxTokensLeft the reduced limit; ignored when the client set none
   */
  static byte[] build(byte[] body, int length, boolean chat, String partial, String upstreamModel, int maxTokensLeft) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + partial.length() + 96);
    boolean appended = false;
    try (JsonParser p = RequestPeek.JSON.createParser(ObjectReadContext.empty(), body, 0, length);
         JsonGenerator g = RequestPeek.JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      g.writeStartObject();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "model" -> {
            g.writeName(name);
            g.writeString(upstreamModel);
          }
          case "max_tokens", "max_completion_tokens" -> {
            if (value == JsonToken.VALUE_NULL) {
              g.writeName(name);
              g.writeNull();
            } else {
              if (maxTokensLeft < 1) return null;
              g.writeName(name);
              g.writeNumber(maxTokensLeft);
            }
          }
          case "n" -> {
            if (value != JsonToken.VALUE_NULL && p.getValueAsInt(0) != 1) return null;
            g.writeName(name);
            g.copyCurrentStructure(p);
          }
          case "stream_options" -> p.skipChildren();
          case "messages" -> {
            if (!chat || value != JsonToken.START_ARRAY) return null;
            g.writeName(name);
            g.writeStartArray();
            while (p.nextToken() != JsonToken.END_ARRAY) g.copyCurrentStructure(p);
            g.writeStartObject();
            g.writeStringProperty("role", "assistant");
            g.writeStringProperty("content", partial);
            g.writeEndObject();
            g.writeEndArray();
            appended = true;
          }
          case "prompt" -> {
            String text = promptText(p, value);
            if (chat || text == null) return null;
            g.writeName(name);
            g.writeString(text + partial);
            appended = true;
          }
          default -> {
            g.writeName(name);
            g.copyCurrentStructure(p);
          }
        }
      }
      g.writeName("stream_options");
      g.writeStartObject();
      g.writeBooleanProperty("include_usage", true);
      g.writeEndObject();
      g.writeEndObject();
    } catch (JacksonException e) {
      return null;
    }
    return appended ? out.toByteArray() : null;
  }

  /** A prompt given as a string or a one-string array; null for token arrays and batches. */
  private static String promptText(JsonParser p, JsonToken value) {
    if (value == JsonToken.VALUE_STRING) return p.getString();
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    JsonToken t = p.nextToken();
    if (t != JsonToken.VALUE_STRING) {
      if (t != JsonToken.END_ARRAY) {
        p.skipChildren();
        while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
      }
      return null;
    }
    String text = p.getString();
    if (p.nextToken() != JsonToken.END_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
      return null;
    }
    return text;
  }
}
