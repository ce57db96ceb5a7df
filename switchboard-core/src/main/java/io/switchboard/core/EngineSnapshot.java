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
 * @param outstandingAtScrape {@link EndpointState#outstanding()} when the scrape was taken; with the dispatch
 *                           count it tells how many requests completed since ({@link #completedSince})
 */
public record EngineSnapshot(int running, int waiting, double kvCacheUsage, long atNanos, long dispatchedAtScrape,
                             int outstandingAtScrape) {
  public static final EngineSnapshot UNKNOWN = new EngineSnapshot(0, 0, 0, Long.MIN_VALUE, 0, 0);

  /** A scrape that does not record the outstanding count (completions since it are then unknown, taken as 0). */
  public EngineSnapshot(int running, int waiting, double kvCacheUsage, long atNanos, long dispatchedAtScrape) {
    this(running, waiting, kvCacheUsage, atNanos, dispatchedAtScrape, -1);
  }

  /** Requests the router sent to {@code e} after this scrape. */
  public long sentSince(EndpointState e) { return Math.max(0, e.dispatched() - dispatchedAtScrape); }

  /** Requests on {@code e} that finished after this scrape: sent since, minus the growth of outstanding. */
  public long completedSince(EndpointState e) {
    if (outstandingAtScrape < 0) return 0;
    return Math.max(0, sentSince(e) - (e.outstanding() - outstandingAtScrape));
  }

  public boolean known() { return atNanos != Long.MIN_VALUE; }
}
