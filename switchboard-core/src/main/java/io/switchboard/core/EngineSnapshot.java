package io.switchboard.core;

/**
 * What an engine last reported about itself (vLLM's {@code /metrics}), and what the router had dispatched
 * to it at that moment, so a stale scrape can be corrected by what happened since.
 *
 * @param running        {@code vllm:num_requests_running}
 * @param waiting        {@code vllm:num_requests_waiting}
 * @param kvCacheUsage   {@code vllm:kv_cache_usage_perc}, 0..1
 * @param atNanos        when the scrape was taken, on the router's clock
 * @param dispatchedAtScrape {@link EndpointState#dispatched()} when the scrape was taken
 */
public record EngineSnapshot(int running, int waiting, double kvCacheUsage, long atNanos, long dispatchedAtScrape) {
  public static final EngineSnapshot UNKNOWN = new EngineSnapshot(0, 0, 0, Long.MIN_VALUE, 0);

  public boolean known() { return atNanos != Long.MIN_VALUE; }
}
