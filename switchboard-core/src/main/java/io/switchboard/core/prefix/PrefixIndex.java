package io.switchboard.core.prefix;

import io.switchboard.core.prefix.internal.LongLru;

/**
 * What one endpoint probably holds in its prefix cache: the block hashes of prompts recently routed to it,
 * bounded by an LRU sized to the endpoint's KV capacity. Approximate by design: it learns from routing
 * decisions, not from the engine, so it can believe in blocks the engine already evicted (and vice versa).
 *
 * <p>Thread-safe: each method holds this index's monitor for O(prompt blocks) work. One index per endpoint, so
 * routing threads contend only when they consider the same endpoint at once.
 */
public final class PrefixIndex {
  private final int blockSize;
  private LongLru lru;

  /**
   * @param blockSize      tokens (or characters) per hashed block; requests hashed otherwise never match
   * @param capacityBlocks blocks the endpoint's KV cache holds, e.g. KV tokens / block size
   */
  public PrefixIndex(int blockSize, int capacityBlocks) {
    if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1, was " + blockSize);
    this.blockSize = blockSize;
    this.lru = new LongLru(capacityBlocks);
  }

  public int blockSize() { return blockSize; }

  public synchronized int capacityBlocks() { return lru.capacity(); }

  public synchronized int size() { return lru.size(); }

  /**
   * The endpoint's KV cache turned out to hold {@code capacityBlocks} blocks: keeps the most recent blocks that fit,
   * in their order, so what the index believes stays a prefix of every recorded prompt.
   */
  public synchronized void resize(int capacityBlocks) {
    if (capacityBlocks != lru.capacity()) lru = lru.resized(capacityBlocks);
  }

  /**
   * The number of leading blocks of {@code prompt} this endpoint is believed to hold. Because hashes are
   * chained, the first miss ends the match. Does not change recency.
   */
  public synchronized int matchedBlocks(BlockHashes prompt) {
    if (prompt.blockSize() != blockSize) return 0;
    int n = prompt.length();
    int i = 0;
    while (i < n && lru.contains(prompt.get(i))) i++;
    return i;
  }

  /**
   * The same count as {@link #matchedBlocks} in O(log blocks) lookups. Exact for this index: every prompt that
   * holds block {@code i} also holds blocks {@code 0..i-1} (hashes are chained) and {@link #record} touches them
   * after block {@code i}, so a block is never evicted before a later block of the same chain and the held blocks
   * of any prompt form a prefix.
   */
  public synchronized int longestPrefixBlocks(BlockHashes prompt) {
    if (prompt.blockSize() != blockSize) return 0;
    int lo = 0, hi = prompt.length(); // answer in [lo, hi]
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lru.contains(prompt.get(mid - 1))) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Records that the endpoint now holds every block of {@code prompt}. Blocks are touched last to first, so
   * the shared head of a prompt is the most recent and is evicted last, as vLLM frees a request's blocks
   * tail first.
   */
  public synchronized void record(BlockHashes prompt) {
    if (prompt.blockSize() != blockSize) return;
    for (int i = prompt.length() - 1; i >= 0; i--) lru.touch(prompt.get(i));
  }
}
