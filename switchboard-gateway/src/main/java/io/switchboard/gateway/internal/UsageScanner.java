package io.switchboard.gateway.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Finds the top-level {@code usage} object ({@code prompt_tokens}, {@code completion_tokens}) and whether
 * {@code choices} is an empty array, from a token stream. Token-driven so it serves both a blocking parser
 * over one SSE event and a non-blocking parser fed a plain body chunk by chunk; it tracks depth itself
 * instead of {@code skipChildren}, which a non-blocking parser cannot always complete.
 */
final class UsageScanner {
  private int depth;
  private String topName;
  private String usageName;
  private boolean inUsage;
  private boolean choicesJustOpened;
  boolean usage;
  boolean choicesEmpty;
  int promptTokens = -1;
  int completionTokens = -1;

  void reset() {
    depth = 0;
    topName = usageName = null;
    inUsage = choicesJustOpened = usage = choicesEmpty = false;
    promptTokens = completionTokens = -1;
  }

  /** Whether the event was the usage-only chunk a stream sends last when {@code include_usage} is on. */
  boolean usageOnly() { return usage && choicesEmpty; }

  void token(JsonToken t, JsonParser p) {
    boolean opened = false;
    switch (t) {
      case START_OBJECT, START_ARRAY -> {
        if (depth == 1 && t == JsonToken.START_ARRAY && "choices".equals(topName)) opened = true;
        if (depth == 1 && t == JsonToken.START_OBJECT && "usage".equals(topName)) {
          inUsage = true;
          usage = true;
        }
        depth++;
      }
      case END_ARRAY -> {
        if (choicesJustOpened) choicesEmpty = true;
        depth--;
      }
      case END_OBJECT -> {
        depth--;
        if (depth == 1) inUsage = false;
      }
      case PROPERTY_NAME -> {
        if (depth == 1) topName = p.currentName();
        else if (depth == 2 && inUsage) usageName = p.currentName();
      }
      case VALUE_NUMBER_INT -> {
        if (inUsage && depth == 2) {
          if ("prompt_tokens".equals(usageName)) promptTokens = p.getValueAsInt(-1);
          else if ("completion_tokens".equals(usageName)) completionTokens = p.getValueAsInt(-1);
        }
      }
      default -> { }
    }
    choicesJustOpened = opened;
  }
}
