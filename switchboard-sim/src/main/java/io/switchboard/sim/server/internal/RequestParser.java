package io.switchboard.sim.server.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads OpenAI request bodies into {@link GenerationRequest}s and embedding inputs, answering every
 * malformed field with a 400 {@link ApiError} that names it. Text prompts start with a BOS token, as
 * Llama's template does; chat prompts mark each message's role and end with the assistant marker, so
 * conversations that share their first turns share a token prefix.
 */
public final class RequestParser {
  static final int BOS = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RequestParser() {}

  public static GenerationRequest parseGeneration(boolean chat, byte[] body, String defaultModel) {
    JsonNode root = readObject(body);
    int n = root.path("n").asInt(1);
    if (n != 1) throw ApiError.invalidRequest("The simulator supports only n = 1, got n = " + n, "n");
    int[] prompt = chat ? chatPrompt(root) : completionPrompt(root);
    boolean stream = root.path("stream").asBoolean(false);
    boolean includeUsage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
    return new GenerationRequest(chat, model(root, defaultModel), stream, includeUsage, prompt, maxTokens(root),
        chat ? assistantPrefixWords(root.path("messages")) : 0);
  }

  /** The inputs of an embeddings request, each as tokens. */
  public static List<int[]> parseEmbeddingInputs(byte[] body) {
    JsonNode input = readObject(body).path("input");
    List<int[]> inputs = new ArrayList<>();
    if (input.isString()) {
      inputs.add(textPrompt(input.stringValue()));
    } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
      inputs.add(tokenArray(input, "input"));
    } else if (input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        if (item.isString()) inputs.add(textPrompt(item.stringValue()));
        else if (item.isArray()) inputs.add(tokenArray(item, "input"));
        else throw ApiError.invalidRequest("Each input must be a string or an array of token ids", "input");
      }
    } else {
      throw ApiError.invalidRequest("'input' must be a string or a non-empty array", "input");
    }
    return inputs;
  }

  public static String model(byte[] body, String defaultModel) {
    return model(readObject(body), defaultModel);
  }

  private static String model(JsonNode root, String defaultModel) {
    JsonNode model = root.path("model");
    if (model.isMissingNode() || model.isNull()) return defaultModel;
    if (!model.isString() || model.stringValue().isBlank()) throw ApiError.invalidRequest("'model' must be a non-empty string", "model");
    return model.stringValue();
  }

  private static JsonNode readObject(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw ApiError.invalidRequest("The request body is not valid JSON: " + e.getOriginalMessage(), null);
    }
    if (root == null || !root.isObject()) throw ApiError.invalidRequest("The request body must be a JSON object", null);
    return root;
  }

  private static int[] chatPrompt(JsonNode root) {
    JsonNode messages = root.path("messages");
    if (!messages.isArray() || messages.isEmpty()) throw ApiError.invalidRequest("'messages' must be a non-empty array", "messages");
    Tokenizer tokens = new Tokenizer().add(BOS);
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      JsonNode role = m.path("role");
      if (!role.isString()) throw ApiError.invalidRequest("messages[" + i + "].role must be a string", "messages");
      tokens.addRole(role.stringValue());
      addContent(tokens, m.path("content"), i);
    }
    return tokens.addRole("assistant").toArray();
  }

  /** Words of a final assistant message (a partial answer to continue), else 0. */
  private static int assistantPrefixWords(JsonNode messages) {
    JsonNode last = messages.get(messages.size() - 1);
    if (!"assistant".equals(last.path("role").asString("")) || !last.path("content").isString()) return 0;
    return Tokenizer.count(last.path("content").stringValue());
  }

  private static void addContent(Tokenizer tokens, JsonNode content, int index) {
    if (content.isString()) {
      tokens.addText(content.stringValue());
    } else if (content.isArray()) {
      for (JsonNode part : content) if (part.path("type").asString("").equals("text")) tokens.addText(part.path("text").asString(""));
    } else if (!content.isMissingNode() && !content.isNull()) {
      throw ApiError.invalidRequest("messages[" + index + "].content must be a string or an array of parts", "messages");
    }
  }

  private static int[] completionPrompt(JsonNode root) {
    JsonNode prompt = root.path("prompt");
    if (prompt.isString()) return textPrompt(prompt.stringValue());
    if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isString()) return textPrompt(prompt.get(0).stringValue());
    if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isArray()) return tokenArray(prompt.get(0), "prompt");
    if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isNumber()) return tokenArray(prompt, "prompt");
    if (prompt.isArray() && prompt.size() > 1) throw ApiError.invalidRequest("The simulator does not support batched prompts; send one prompt per request", "prompt");
    throw ApiError.invalidRequest("'prompt' must be a string or an array of token ids", "prompt");
  }

  private static int[] textPrompt(String text) {
    return new Tokenizer().add(BOS).addText(text).toArray();
  }

  private static int[] tokenArray(JsonNode array, String param) {
    if (array.isEmpty()) throw ApiError.invalidRequest("'" + param + "' must not be an empty token array", param);
    Tokenizer tokens = new Tokenizer();
    for (JsonNode t : array) {
      if (!t.isIntegralNumber() || !t.canConvertToInt()) throw ApiError.invalidRequest("'" + param + "' token ids must be integers", param);
      tokens.add(t.intValue());
    }
    return tokens.toArray();
  }

  private static int maxTokens(JsonNode root) {
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode v = root.path(field);
      if (v.isMissingNode() || v.isNull()) continue;
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) throw ApiError.invalidRequest("'" + field + "' must be an integer >= 1, was " + v, field);
      return v.intValue();
    }
    return -1;
  }
}
