package io.switchboard.sim;

/**
 * One simulated inference replica, driven entirely by its caller's clock.
 *
 * <p>An engine does no I/O, starts no threads and never reads the wall clock: the virtual-time replay
 * calls {@link #advanceTo} with event times, the real-time server with {@code System.nanoTime()}
 * deltas. The same implementation therefore serves both modes. Not thread-safe: one caller at a time.
 */
public interface Engine {

  /** Queues a request that arrived at {@code nowNanos}. Its listener hears about its tokens. */
  void submit(SimRequest request, long nowNanos);

  /** Aborts a request (client gone); frees its KV blocks. Returns false if it was unknown or done. */
  boolean cancel(long requestId, long nowNanos);

  /** When the step in progress ends, or {@link Long#MAX_VALUE} when idle. */
  long nextEventNanos();

  /** Runs every scheduler step that ends at or before {@code nowNanos}, notifying listeners in time order. */
  void advanceTo(long nowNanos);

  /** The engine's current counters, as its {@code /metrics} endpoint would show them. */
  EngineStats stats();

  /**
   * The KV cache's size in tokens ({@code num_gpu_blocks x block_size}, as vLLM's {@code cache_config_info}
   * states it); 0 when the engine does not model one.
   */
  default long kvCapacityTokens() { return 0; }
}
