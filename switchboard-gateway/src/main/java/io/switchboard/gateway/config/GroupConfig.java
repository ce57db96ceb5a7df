package io.switchboard.gateway.config;

import io.switchboard.core.pipeline.PipelineSpec;
import java.time.Duration;
import java.util.List;

/**
 * A model group: the client-facing model name, or a glob such as {@code fb-*}, served by a set of
 * endpoints under one strategy. An exact name takes precedence over a glob.
 *
 * @param model           exact name or glob ({@code *} and {@code ?})
 * @param endpoints       ids of the endpoints that serve it
 * @param strategy        a name from {@link io.switchboard.core.Strategies#NAMES}
 * @param queueSize       requests that may wait when every endpoint is at its limit (0: reject at once)
 * @param queueTimeout    how long one may wait before 503; also bounds a wait for a rate-limited group
 * @param retry           retries on other endpoints: attempts, backoff, deadline, budget
 * @param fallbacks       model names of the groups tried, in order, when this group's endpoints failed
 * @param contextFallback model name of the group a {@code context_length_exceeded} request goes to; null for none
 * @param stream          how streams are held back until their first token
 * @param hedge           hedged requests; null for none
 * @param admission       queue order (FIFO or SEJF with aging) and hold/shed of requests with latency objectives
 * @param pipeline        a routing pipeline written out (filters, scorers, picker, params) instead of a named
 *                        {@code strategy}; null when the strategy names the policy
 * @param tokenizer       the BPE encoding that counts prompt tokens exactly ({@link #TOKENIZERS}); null to
 *                        estimate them from the body's size at the group's learned ratio
 */
public record GroupConfig(String model, List<String> endpoints, String strategy, int queueSize,
                          Duration queueTimeout, RetryConfig retry, List<String> fallbacks, String contextFallback,
                          StreamConfig stream, HedgeConfig hedge, AdmissionConfig admission, PipelineSpec pipeline,
                          String tokenizer) {
  /** Encodings a group may name as its {@code tokenizer}: OpenAI's, as the JTokkit library ships them. */
  public static final java.util.Set<String> TOKENIZERS = java.util.Set.of("o200k_base", "cl100k_base", "p50k_base",
      "r50k_base");

  public GroupConfig {
    endpoints = List.copyOf(endpoints);
    fallbacks = List.copyOf(fallbacks);
    if (admission == null) admission = AdmissionConfig.DEFAULT;
  }

  /** A group with the default admission order (FIFO) and hold/shed split. */
  public GroupConfig(String model, List<String> endpoints, String strategy, int queueSize, Duration queueTimeout,
                     RetryConfig retry, List<String> fallbacks, String contextFallback, StreamConfig stream,
                     HedgeConfig hedge) {
    this(model, endpoints, strategy, queueSize, queueTimeout, retry, fallbacks, contextFallback, stream, hedge,
        AdmissionConfig.DEFAULT, null, null);
  }

  public GroupConfig withAdmission(AdmissionConfig a) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, retry, fallbacks, contextFallback,
        stream, hedge, a, pipeline, tokenizer);
  }

  public GroupConfig withPipeline(PipelineSpec p) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, retry, fallbacks, contextFallback,
        stream, hedge, admission, p, tokenizer);
  }

  /** A group with the default retry and stream settings and no fallbacks. */
  public GroupConfig(String model, List<String> endpoints, String strategy, int queueSize, Duration queueTimeout) {
    this(model, endpoints, strategy, queueSize, queueTimeout, RetryConfig.DEFAULT, List.of(), null,
        StreamConfig.DEFAULT, null);
  }

  public GroupConfig withTokenizer(String t) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, retry, fallbacks, contextFallback,
        stream, hedge, admission, pipeline, t);
  }

  public boolean isGlob() { return model.indexOf('*') >= 0 || model.indexOf('?') >= 0; }

  public GroupConfig withRetry(RetryConfig r) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, r, fallbacks, contextFallback, stream,
        hedge, admission, pipeline, tokenizer);
  }

  public GroupConfig withFallbacks(List<String> f) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, retry, f, contextFallback, stream,
        hedge, admission, pipeline, tokenizer);
  }

  public GroupConfig withContextFallback(String m) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, retry, fallbacks, m, stream, hedge,
        admission, pipeline, tokenizer);
  }

  public GroupConfig withStream(StreamConfig s) {
    return new GroupConfig(model, endpoints, strategy, queueSize, queueTimeout, retry, fallbacks, contextFallback, s,
        hedge, admission, pipeline, tokenizer);
  }
}
