package io.switchboard.gateway.internal;

/**
 * Reads the few engine gauges the router uses out of a Prometheus text exposition, in one pass over the text with
 * no regular expressions: vLLM's {@code vllm:num_requests_running}, {@code vllm:num_requests_waiting} and
 * {@code vllm:kv_cache_usage_perc} (V1; {@code vllm:gpu_cache_usage_perc} in V0), and SGLang's
 * {@code sglang:num_running_reqs}, {@code sglang:num_queue_reqs}, {@code sglang:token_usage}. Several samples of one
 * gauge (one per model or engine) add up for request counts and take the maximum for KV use. The KV cache's size
 * comes from vLLM's {@code vllm:cache_config_info} labels ({@code num_gpu_blocks} x {@code block_size}) or SGLang's
 * {@code sglang:max_total_num_tokens}.
 */
final class EngineMetricsParser {
  /** What a scrape said; {@code kvUsage} NaN and {@code kvCapacityTokens} 0 when it did not say. */
  record Sample(int running, int waiting, double kvUsage, long kvCapacityTokens) {}

  private static final String[] RUNNING = {"vllm:num_requests_running", "sglang:num_running_reqs"};
  private static final String[] WAITING = {"vllm:num_requests_waiting", "sglang:num_queue_reqs"};
  private static final String[] KV = {"vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage"};
  private static final String[] CACHE_CONFIG = {"vllm:cache_config_info"};
  private static final String[] SGLANG_KV_TOKENS = {"sglang:max_total_num_tokens"};

  private EngineMetricsParser() {}

  /** The gauges in {@code text}, or null when it holds neither request count (not an engine's metrics). */
  static Sample parse(CharSequence text) {
    double running = 0, waiting = 0, kv = Double.NaN;
    long capacity = 0;
    boolean seen = false;
    int n = text.length();
    int i = 0;
    while (i < n) {
      int end = i;
      while (end < n && text.charAt(end) != '\n') end++;
      if (end > i && text.charAt(i) != '#') {
        int kind = kind(text, i, end);
        if (kind == 3) {
          capacity = Math.max(capacity, product(label(text, i, end, "num_gpu_blocks"), label(text, i, end, "block_size")));
        } else if (kind == 4) {
          double v = value(text, i, end);
          if (v > 0 && v < Long.MAX_VALUE) capacity = Math.max(capacity, (long) v);
        } else if (kind >= 0) {
          double v = value(text, i, end);
          if (!Double.isNaN(v)) {
            switch (kind) {
              case 0 -> { running += v; seen = true; }
              case 1 -> { waiting += v; seen = true; }
              default -> kv = Double.isNaN(kv) ? v : Math.max(kv, v);
            }
          }
        }
      }
      i = end + 1;
    }
    if (!seen) return null;
    return new Sample(clampCount(running), clampCount(waiting), Double.isNaN(kv) ? Double.NaN : Math.clamp(kv, 0, 1),
        capacity);
  }

  /** 0 running, 1 waiting, 2 KV use, 3 vLLM's cache config, 4 SGLang's KV size, -1 another metric. */
  private static int kind(CharSequence t, int from, int end) {
    if (matches(t, from, end, RUNNING)) return 0;
    if (matches(t, from, end, WAITING)) return 1;
    if (matches(t, from, end, KV)) return 2;
    if (matches(t, from, end, CACHE_CONFIG)) return 3;
    if (matches(t, from, end, SGLANG_KV_TOKENS)) return 4;
    return -1;
  }

  /** {@code a x b}, or 0 when that overflows (a value no engine reports). */
  private static long product(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? 0 : lo;
  }

  /** The whole number in label {@code name}'s value on this sample line; 0 when absent or not a number. */
  private static long label(CharSequence t, int from, int end, String name) {
    int i = from;
    while (i < end && t.charAt(i) != '{') i++;
    while (i < end && t.charAt(i) != '}') {
      int start = ++i; // after '{' or ','
      while (start < end && t.charAt(start) == ' ') start++;
      while (i < end && t.charAt(i) != '=') i++;
      boolean wanted = i - start == name.length() && t.subSequence(start, i).toString().equals(name);
      if (i + 1 >= end || t.charAt(i + 1) != '"') return 0;
      i += 2;
      long v = 0;
      boolean digits = true;
      int valueStart = i;
      for (; i < end && t.charAt(i) != '"'; i++) {
        char c = t.charAt(i);
        if (c == '\\') i++;
        if (c < '0' || c > '9' || v > Long.MAX_VALUE / 10 - 10) digits = false;
        else v = v * 10 + (c - '0');
      }
      if (wanted) return digits && i > valueStart ? v : 0;
      i++; // past the closing quote: at ',' or '}'
    }
    return 0;
  }

  private static boolean matches(CharSequence t, int from, int end, String[] names) {
    for (String name : names) {
      int len = name.length();
      if (from + len >= end) continue;
      char next = t.charAt(from + len);
      if (next != '{' && next != ' ') continue;
      boolean eq = true;
      for (int k = 0; k < len && eq; k++) eq = t.charAt(from + k) == name.charAt(k);
      if (eq) return true;
    }
    return false;
  }

  /** The sample value: the first token after the name and its labels (a timestamp may follow); NaN if none. */
  private static double value(CharSequence t, int from, int end) {
    int i = from;
    while (i < end && t.charAt(i) != '{' && t.charAt(i) != ' ') i++;
    if (i < end && t.charAt(i) == '{') {
      boolean quoted = false;
      for (i++; i < end; i++) {
        char c = t.charAt(i);
        if (c == '\\' && quoted) i++;
        else if (c == '"') quoted = !quoted;
        else if (c == '}' && !quoted) break;
      }
      i++;
    }
    while (i < end && t.charAt(i) == ' ') i++;
    int start = i;
    while (i < end && t.charAt(i) != ' ' && t.charAt(i) != '\r') i++;
    if (start == i) return Double.NaN;
    try {
      return Double.parseDouble(t.subSequence(start, i).toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static int clampCount(double v) { return (int) Math.clamp(Math.round(v), 0, Integer.MAX_VALUE); }
}
