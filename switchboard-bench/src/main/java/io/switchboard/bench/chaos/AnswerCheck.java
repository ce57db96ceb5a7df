package io.switchboard.bench.chaos;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges one complete answer against what was asked. The simulator answers exactly {@code max_tokens}
 * tokens, each one word, so the content's word count must equal {@code max_tokens}, as must
 * {@code usage.completion_tokens}. A stream must end with {@code [DONE]} after all of them, or with an
 * explicit error event; ending any other way without a transport error is a silent truncation.
 */
final class AnswerCheck {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private AnswerCheck() {}

  /** A plain (non-stream) answer read to its end. */
  static Verdict plain(int status, String body, int maxTokens) {
    if (status != 200) return Verdict.HTTP_ERROR;
    try {
      JsonNode root = JSON.readTree(body);
      String content = root.path("choices").path(0).path("message").path("content").asString("");
      int usage = root.path("usage").path("completion_tokens").asInt(-1);
      return words(content) == maxTokens && usage == maxTokens ? Verdict.OK : Verdict.SILENT_TRUNCATION;
    } catch (JacksonException e) {
      return Verdict.SILENT_TRUNCATION;
    }
  }

  /** A stream read to its end (the connection closed cleanly). */
  static Verdict stream(int status, String body, int maxTokens) {
    if (status != 200) return Verdict.HTTP_ERROR;
    StringBuilder content = new StringBuilder(maxTokens * 6);
    boolean done = false;
    boolean error = false;
    boolean malformed = false;
    int usage = -1;
    for (String line : body.split("\n")) {
      if (!line.startsWith("data:")) continue;
      String data = line.substring(5).strip();
      if (data.equals("[DONE]")) {
        done = true;
        continue;
      }
      try {
        JsonNode event = JSON.readTree(data);
        if (event.has("error")) {
          error = true;
          continue;
        }
        JsonNode choice = event.path("choices").path(0);
        String piece = choice.path("delta").path("content").asString("");
        if (!piece.isEmpty()) {
          if (!content.isEmpty() && !piece.startsWith(" ")) content.append(' ');
          content.append(piece);
        }
        JsonNode u = event.path("usage");
        if (u.isObject()) usage = u.path("completion_tokens").asInt(-1);
      } catch (JacksonException e) {
        malformed = true;
      }
    }
    if (error && !done) return Verdict.STREAM_ERROR_EVENT;
    boolean whole = done && !error && !malformed && words(content) == maxTokens && usage == maxTokens;
    return whole ? Verdict.OK : Verdict.SILENT_TRUNCATION;
  }

  /** Words separated by spaces; the simulator's tokens are exactly that. */
  static int words(CharSequence s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean space = Character.isWhitespace(s.charAt(i));
      if (!space && !in) n++;
      in = !space;
    }
    return n;
  }
}
