package io.switchboard.sim.server.internal;

import io.switchboard.sim.EngineStats;
import io.switchboard.sim.TokenListener.Completion;

/**
 * The server's {@code /metrics} in Prometheus text format, with vLLM's metric names, types and (V1)
 * histogram buckets, labelled {@code model_name}. Gauges and cache counters come from the engine's
 * {@link EngineStats}; latency histograms are observed here in engine time when a request finishes.
 * TPOT is observed once per request as its mean inter-token time. Single-threaded: the event loop only.
 */
final class SimMetrics {
  private final String labels;
  private final Histogram ttft = new Histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
      0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
  private final Histogram tpot = new Histogram("vllm:time_per_output_token_seconds", "Histogram of time per output token in seconds.",
      0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0);
  private final Histogram e2e = new Histogram("vllm:e2e_request_latency_seconds", "Histogram of end to end request latency in seconds.",
      0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0);
  private long promptTokens;
  private long generationTokens;
  private long succeeded;

  SimMetrics(String modelName) {
    this.labels = "model_name=\"" + escape(modelName) + "\"";
  }

  /** Records a request the engine completed (not a cancelled one); times are engine nanoseconds. */
  void finished(long arrivalNanos, Completion c, long finishedNanos) {
    promptTokens += c.promptTokens();
    generationTokens += c.outputTokens();
    succeeded++;
    ttft.observe((c.firstTokenNanos() - arrivalNanos) / 1e9);
    if (c.outputTokens() > 1) tpot.observe((finishedNanos - c.firstTokenNanos()) / 1e9 / (c.outputTokens() - 1));
    e2e.observe((finishedNanos - arrivalNanos) / 1e9);
  }

  /** {@code kvCapacityTokens}: the engine's KV cache size, stated as vLLM's {@code cache_config_info}; 0 leaves it out. */
  String render(EngineStats s, long kvCapacityTokens) {
    StringBuilder out = new StringBuilder(8192);
    if (kvCapacityTokens > 0) cacheConfigInfo(out, kvCapacityTokens);
    gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", s.running());
    gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", s.waiting());
    gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", s.kvCacheUsage());
    counter(out, "vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.", s.prefixCacheQueryTokens());
    counter(out, "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.", s.prefixCacheHitTokens());
    counter(out, "vllm:num_preemptions", "Cumulative number of preemption from the engine.", s.preemptions());
    counter(out, "vllm:prompt_tokens", "Number of prefill tokens processed.", promptTokens);
    counter(out, "vllm:generation_tokens", "Number of generation tokens processed.", generationTokens);
    counter(out, "vllm:request_success", "Count of successfully processed requests.", succeeded);
    ttft.render(out, labels);
    tpot.render(out, labels);
    e2e.render(out, labels);
    return out.toString();
  }

  /** vLLM's info metric: the cache config as labels, value 1 (only the labels a router reads, of vLLM's many). */
  private static void cacheConfigInfo(StringBuilder out, long kvCapacityTokens) {
    long blockSize = io.switchboard.sim.model.GpuProfile.BLOCK_SIZE;
    out.append("# HELP vllm:cache_config_info Information of the LLMEngine CacheConfig\n");
    out.append("# TYPE vllm:cache_config_info gauge\n");
    out.append("vllm:cache_config_info{block_size=\"").append(blockSize).append("\",enable_prefix_caching=\"True\",num_gpu_blocks=\"")
        .append(kvCapacityTokens / blockSize).append("\"} 1.0\n");
  }

  private void gauge(StringBuilder out, String name, String help, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  /** As prometheus_client's text format writes a counter: HELP, TYPE and sample all under {@code name_total}. */
  private void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append("_total ").append(help).append('\n');
    out.append("# TYPE ").append(name).append("_total counter\n");
    out.append(name).append("_total{").append(labels).append("} ").append((double) value).append('\n');
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
