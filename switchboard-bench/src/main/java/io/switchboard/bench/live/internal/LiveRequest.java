package io.switchboard.bench.live.internal;

import io.switchboard.bench.workload.TraceRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request of a live run: its body, and what its stream has shown so far. Times are nanoseconds from the
 * start of the run. Touched only on the client's event loop.
 *
 * <p>The prompt is sent to {@code /v1/completions} as the workload's token ids ({@code "prompt": [ids]}), which
 * the simulated server takes as they are: the live engine sees exactly the prompt the virtual-time engine sees,
 * so prefix sharing, prefill work and KV use are the same, token for token. The output length is
 * {@code max_tokens} (the simulator always generates that many, as with {@code ignore_eos}); the session key, if
 * any, goes in {@code user}, which the gateway uses as its affinity key.
 */
final class LiveRequest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final TraceRequest trace;
  final boolean measured;
  final Buffer body;
  /** When the workload says it is sent (its arrival, kept in order). */
  final long dueNanos;
  HttpClientRequest http;
  long sentNanos = -1;
  int replica = -1;
  long firstTokenNanos = -1;
  long lastTokenNanos;
  int tokenEvents;
  int usageTokens = -1;
  boolean done;
  String error;

  LiveRequest(TraceRequest trace, boolean measured, long dueNanos) {
    this.trace = trace;
    this.measured = measured;
    this.dueNanos = dueNanos;
    this.body = body(trace);
  }

  long expectedTokens() { return (long) trace.promptTokens() + trace.outputTokens(); }

  /** Output tokens as the usage chunk counts them, else the token events seen. */
  int outputTokens() { return usageTokens > 0 ? usageTokens : tokenEvents; }

  boolean succeeded() { return done && error == null && firstTokenNanos >= 0; }

  /**
   * One SSE {@code data} payload, seen at {@code now}; returns the gap since the previous token event, or -1 when
   * the payload carries no output text or the first.
   */
  long onData(String data, long now) {
    if (data.equals("[DONE]")) {
      done = true;
      return -1;
    }
    JsonNode root;
    try {
      root = JSON.readTree(data);
    } catch (JacksonException e) {
      error = "malformed event: " + data;
      return -1;
    }
    if (root.has("error")) {
      error = root.path("error").path("message").asString(root.path("error").toString());
      return -1;
    }
    JsonNode usage = root.path("usage");
    if (usage.isObject()) usageTokens = usage.path("completion_tokens").asInt(-1);
    JsonNode choice = root.path("choices").path(0);
    String text = choice.has("text") ? choice.path("text").asString("") : choice.path("delta").path("content").asString("");
    if (text.isEmpty()) return -1;
    long gap = firstTokenNanos < 0 ? -1 : now - lastTokenNanos;
    if (firstTokenNanos < 0) firstTokenNanos = now;
    lastTokenNanos = now;
    tokenEvents++;
    return gap;
  }

  private static Buffer body(TraceRequest r) {
    int[] tokens = r.prompt().tokens();
    StringBuilder sb = new StringBuilder(tokens.length * 7 + 160);
    sb.append("{\"model\":\"").append(LiveStack.MODEL).append("\",\"prompt\":[");
    for (int i = 0; i < tokens.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(tokens[i]);
    }
    sb.append("],\"max_tokens\":").append(r.outputTokens())
        .append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    if (r.sessionKey() != 0) sb.append(",\"user\":\"s").append(Long.toHexString(r.sessionKey())).append('"');
    return Buffer.buffer(sb.append('}').toString());
  }
}
