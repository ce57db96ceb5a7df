package io.switchboard.sim.server.internal;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies of one generation, shaped as OpenAI's: streaming chunks ({@code chat.completion.chunk} or
 * {@code text_completion}), the optional final usage chunk and the non-streaming response. Each chunk also
 * carries a {@code sim} object with the engine's timestamp (nanoseconds of the server's engine clock) and
 * the number of tokens the event holds; clients that do not know it ignore it.
 */
final class Payloads {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Token counts of a finished request, as the {@code usage} object reports them. */
  record Usage(int promptTokens, int completionTokens, int cachedTokens) {}

  private final boolean chat;
  private final String id;
  private final String model;
  private final long created;

  Payloads(boolean chat, String id, String model, long createdEpochSeconds) {
    this.chat = chat;
    this.id = id;
    this.model = model;
    this.created = createdEpochSeconds;
  }

  String tokenChunk(String text, boolean first, boolean includeUsage, long engineNanos, int tokens) {
    ObjectNode root = head(chat ? "chat.completion.chunk" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (chat) {
      ObjectNode delta = choice.putObject("delta");
      if (first) delta.put("role", "assistant");
      delta.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    if (includeUsage) root.putNull("usage");
    sim(root, engineNanos, tokens);
    return root.toString();
  }

  String finishChunk(String finishReason, boolean includeUsage, long engineNanos) {
    ObjectNode root = head(chat ? "chat.completion.chunk" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (chat) choice.putObject("delta");
    else choice.put("text", "");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) root.putNull("usage");
    sim(root, engineNanos, 0);
    return root.toString();
  }

  /** The chunk OpenAI sends last when {@code stream_options.include_usage} is set: no choices, only usage. */
  String usageChunk(Usage usage) {
    ObjectNode root = head(chat ? "chat.completion.chunk" : "text_completion");
    root.putArray("choices");
    usage(root, usage);
    return root.toString();
  }

  String fullResponse(String text, String finishReason, Usage usage, long firstTokenNanos, long finishedNanos) {
    ObjectNode root = head(chat ? "chat.completion" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (chat) {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    usage(root, usage);
    ObjectNode sim = root.putObject("sim");
    sim.put("first_token_ns", firstTokenNanos);
    sim.put("finished_ns", finishedNanos);
    return root.toString();
  }

  private ObjectNode head(String object) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", object);
    root.put("created", created);
    root.put("model", model);
    return root;
  }

  private static void usage(ObjectNode root, Usage usage) {
    ObjectNode u = root.putObject("usage");
    u.put("prompt_tokens", usage.promptTokens());
    u.put("completion_tokens", usage.completionTokens());
    u.put("total_tokens", usage.promptTokens() + usage.completionTokens());
    u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
  }

  private static void sim(ObjectNode root, long engineNanos, int tokens) {
    ObjectNode sim = root.putObject("sim");
    sim.put("engine_ns", engineNanos);
    sim.put("tokens", tokens);
  }

  /** {@code {"error": {...}}} for {@code e}. */
  static String error(ApiError e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", e.getMessage());
    err.put("type", e.type());
    if (e.param() == null) err.putNull("param"); else err.put("param", e.param());
    if (e.code() == null) err.putNull("code"); else err.put("code", e.code());
    return root.toString();
  }
}
