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
    int blocks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, kvTokens / blockSize));
    return new PrefixIndexes(blockSize, id -> blocks);
  }

  /** The defaults: 16-token blocks, an H100's KV capacity per endpoint. */
  public static PrefixIndexes defaults() { return uniform(DEFAULT_BLOCK_SIZE, DEFAULT_KV_TOKENS); }

  public int blockSize() { return blockSize; }

  public PrefixIndex of(EndpointState endpoint) { return of(endpoint.id()); }

  public PrefixIndex of(String endpointId) {
    return byEndpoint.computeIfAbsent(endpointId, id -> new PrefixIndex(blockSize, capacityBlocks.applyAsInt(id)));
  }
}
