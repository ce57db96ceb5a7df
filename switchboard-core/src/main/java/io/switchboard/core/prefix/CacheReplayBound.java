package io.switchboard.core.prefix;

import io.switchboard.core.prefix.internal.LongLru;

/**
 * The timing-free cache-replay bound on the prefix-cache hit rate: replays prompts in arrival order onto
 * {@code replicas} LRU caches of the replicas' KV capacity, sending each prompt to the replica holding its
 * longest cached prefix among those a load guard allows, and counts hit tokens as vLLM does
 * ({@code min(hit, prompt - 1)}: the last prompt token is always recomputed).
 *
 * <p>It ignores time: no block is pinned by a running request and nothing is evicted by output tokens, so a
 * real router on real engines should not beat it. The load guard keeps it honest: a replica is eligible only
 * while it has been sent at most {@code (1 + slack) x} the mean number of prompts (plus one), the same
 * balance a production router must keep. Ties go to the replica sent fewest prompts, then the lowest index,
 * so the bound is deterministic. Not thread-safe.
 */
public final class CacheReplayBound {
  private final int blockSize;
  private final double slack;
  private final LongLru[] caches;
  private final long[] sent;
  private long total;
  private long hitTokens;
  private long queryTokens;

  /**
   * @param replicas       number of replicas
   * @param blockSize      tokens per block; prompts must be hashed with it
   * @param capacityBlocks each replica's KV capacity in blocks
   * @param slack          load guard: 0.2 allows a replica 1.2x the mean count of prompts
   */
  public CacheReplayBound(int replicas, int blockSize, int capacityBlocks, double slack) {
    if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    if (slack < 0) throw new IllegalArgumentException("slack must be >= 0, was " + slack);
    this.blockSize = blockSize;
    this.slack = slack;
    this.caches = new LongLru[replicas];
    for (int i = 0; i < replicas; i++) caches[i] = new LongLru(capacityBlocks);
    this.sent = new long[replicas];
  }

  /** Replays one prompt of {@code promptTokens} tokens whose full blocks hash to {@code prompt}. */
  public void offer(BlockHashes prompt, int promptTokens) { offer(prompt, promptTokens, true); }

  /**
   * As {@link #offer(BlockHashes, int)}; with {@code counted} false the prompt only warms the caches and the
   * load guard, and its hits are not counted (a replay's warm-up).
   */
  public void offer(BlockHashes prompt, int promptTokens, boolean counted) {
    if (prompt.length() > 0 && prompt.blockSize() != blockSize) {
      throw new IllegalArgumentException("prompt hashed with block size " + prompt.blockSize() + ", bound uses " + blockSize);
    }
    double guard = (1 + slack) * (total + 1) / caches.length + 1;
    int best = -1;
    int bestMatch = -1;
    for (int r = 0; r < caches.length; r++) {
      if (sent[r] + 1 > guard) continue;
      int m = matched(caches[r], prompt);
      if (m > bestMatch || (m == bestMatch && sent[r] < sent[best])) {
        best = r;
        bestMatch = m;
      }
    }
    if (counted) {
      queryTokens += promptTokens;
      hitTokens += Math.max(0, Math.min((long) bestMatch * blockSize, promptTokens - 1L));
    }
    sent[best]++;
    total++;
    for (int i = prompt.length() - 1; i >= 0; i--) caches[best].touch(prompt.get(i));
  }

  public long hitTokens() { return hitTokens; }

  public long queryTokens() { return queryTokens; }

  /** Hit tokens / prompt tokens; 0 before any prompt. */
  public double hitRate() { return queryTokens == 0 ? 0 : (double) hitTokens / queryTokens; }

  private static int matched(LongLru cache, BlockHashes prompt) {
    int n = prompt.length();
    int i = 0;
    while (i < n && cache.contains(prompt.get(i))) i++;
    return i;
  }
}
