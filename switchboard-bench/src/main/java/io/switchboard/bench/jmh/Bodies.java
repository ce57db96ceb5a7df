package io.switchboard.bench.jmh;

/** Request and response bodies shaped like the OpenAI API's, for the micro-benchmarks. */
final class Bodies {
  private Bodies() {}

  /** A chat request of about {@code approxBytes}, its user message last. */
  static String chatRequest(int approxBytes) {
    String head = "{\"model\":\"llama-3-8b\",\"stream\":false,\"max_tokens\":64,\"user\":\"u-1\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"";
    String tail = "\"}],\"temperature\":0.7}";
    return head + words(approxBytes - head.length() - tail.length()) + tail;
  }

  /** A chat completion whose answer is about {@code answerBytes} of text, {@code usage} last as OpenAI sends it. */
  static String chatCompletion(int answerBytes) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"llama-3-8b\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + words(answerBytes)
        + "\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":250,\"completion_tokens\":7,\"total_tokens\":257,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0}},\"system_fingerprint\":\"fp_1\"}";
  }

  private static String words(int bytes) {
    String[] words = {"route", "each", "request", "by", "what", "it", "costs,", "tokens", "\\\"cache\\\"", "latency"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < bytes; i++) sb.append(words[i % words.length]).append(' ');
    return sb.toString().trim();
  }
}
