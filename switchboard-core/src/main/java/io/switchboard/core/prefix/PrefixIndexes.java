package io.switchboard.core.prefix;

import io.switchboard.core.EndpointState;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * One {@link PrefixIndex} per endpoint id, created on first use with the capacity its endpoint's KV cache has.
 * Keyed by id, so an index survives a config reload just as the endpoint's {@link EndpointState} does.
 */
public final class PrefixIndexes {
  /** KV tokens of one H100-80GB serving Llama-3.1-8B (see the simulator model): the default capacity. */
  public static final long DEFAULT_KV_TOKENS = 444_160;
  /** vLLM's KV block size; the default hashing granularity. */
  public static final int DEFAULT_BLOCK_SIZE = 16;

  private final int blockSize;
  private final ToIntFunction<String> capacityBlocks;
  private final ConcurrentHashMap<String, PrefixIndex> byEndpoint = new ConcurrentHashMap<>();
  /** Capacities learned or configured per endpoint, in blocks; they override {@code capacityBlocks}. */
  private final ConcurrentHashMap<String, Integer> known = new ConcurrentHashMap<>();

  /**
   * @param blockSize      tokens per hashed block; requests must be hashed with the same size
   * @param capacityBlocks an endpoint id's KV capacity in blocks of {@code blockSize}
   */
  public PrefixIndexes(int blockSize, ToIntFunction<String> capacityBlocks) {
    if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1, was " + blockSize);
    this.blockSize = blockSize;
    this.capacityBlocks = capacityBlocks;
  }

  /** Every endpoint holds {@code kvTokens} tokens of KV cache. */
  public static PrefixIndexes uniform(int blockSize, long kvTokens) {
    int blocks = blocks(blockSize, kvTokens);
    return new PrefixIndexes(blockSize, id -> blocks);
  }

  private static int blocks(int blockSize, long units) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, units / blockSize));
  }

  /** The defaults: 16-token blocks, an H100's KV capacity per endpoint. */
  public static PrefixIndexes defaults() { return uniform(DEFAULT_BLOCK_SIZE, DEFAULT_KV_TOKENS); }

  public int blockSize() { return blockSize; }

  public PrefixIndex of(EndpointState endpoint) { return of(endpoint.id()); }

  public PrefixIndex of(String endpointId) {
    return byEndpoint.computeIfAbsent(endpointId, id -> {
      Integer k = known.get(id);
      return new PrefixIndex(blockSize, k != null ? k : capacityBlocks.applyAsInt(id));
    });
  }

  /**
   * The endpoint's KV cache holds {@code units} (tokens, or characters for text hashing: the unit of the block
   * size), as its engine reported or its config says: its index is sized to that from now on, and resized at once
   * if it exists (keeping its most recent blocks).
   */
  public void capacity(String endpointId, long units) {
    int blocks = blocks(blockSize, units);
    Integer before = known.put(endpointId, blocks);
    if (before != null && before == blocks) return;
    // Serialised with a concurrent first of(): that one either sees the new capacity or is resized here.
    byEndpoint.computeIfPresent(endpointId, (id, index) -> {
      index.resize(blocks);
      return index;
    });
  }
}
