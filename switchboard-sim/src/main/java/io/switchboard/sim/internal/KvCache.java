package io.switchboard.sim.internal;

import io.switchboard.sim.model.GpuProfile;

/**
 * Request-level KV cache operations over a {@link BlockPool}, following vLLM V1's {@code KVCacheManager}:
 * longest cached prefix on admission, slot allocation per step, caching of blocks as they fill, and
 * release tail first (so a request's last blocks, the least shareable, are evicted first).
 */
final class KvCache {
  private static final int B = GpuProfile.BLOCK_SIZE;

  private final BlockPool pool;

  KvCache(int blocks) {
    this.pool = new BlockPool(blocks);
  }

  BlockPool pool() {
    return pool;
  }

  /** How many leading full blocks of the request's tokens are cached. */
  int cachedPrefixBlocks(RequestState r) {
    int full = r.fullBlocks();
    int k = 0;
    while (k < full && pool.lookup(r.blockHash(k)) != BlockPool.NONE) k++;
    return k;
  }

  /**
   * Admits a waiting request that holds no blocks: takes a reference on its {@code hitBlocks} cached blocks
   * and allocates what {@code computed + newTokens} tokens need. Returns false, changing nothing, when the
   * pool cannot supply the blocks (cached hits that are currently unused count against the free ones,
   * since acquiring them takes them off the evictable list).
   */
  boolean admit(RequestState r, int hitBlocks, int computed, int newTokens) {
    int required = ceilBlocks(computed + newTokens);
    int fresh = Math.max(0, required - hitBlocks);
    int evictableHits = 0;
    for (int k = 0; k < hitBlocks; k++) {
      if (pool.refCount(pool.lookup(r.blockHash(k))) == 0) evictableHits++;
    }
    if (fresh > pool.available() - evictableHits) return false;
    for (int k = 0; k < hitBlocks; k++) {
      int block = pool.lookup(r.blockHash(k));
      pool.acquire(block);
      r.addBlock(block);
    }
    r.registeredBlocks = hitBlocks;
    for (int i = 0; i < fresh; i++) r.addBlock(pool.allocate());
    return true;
  }

  /** Allocates the blocks a running request needs to compute {@code newTokens} more; false if none left. */
  boolean allocateSlots(RequestState r, int newTokens) {
    int fresh = ceilBlocks(r.numComputed + newTokens) - r.blockCount();
    if (fresh > pool.available()) return false;
    for (int i = 0; i < fresh; i++) r.addBlock(pool.allocate());
    return true;
  }

  /** Registers the blocks that the scheduled tokens fill, so later requests can share them. */
  void cacheFullBlocks(RequestState r) {
    int full = (r.numComputed + r.scheduled) / B;
    for (int k = r.registeredBlocks; k < full; k++) pool.register(r.block(k), r.blockHash(k));
    r.registeredBlocks = Math.max(r.registeredBlocks, full);
  }

  /** Releases all of a request's blocks, tail first. */
  void free(RequestState r) {
    for (int k = r.blockCount() - 1; k >= 0; k--) pool.release(r.block(k));
    r.clearBlocks();
  }

  static int ceilBlocks(int tokens) {
    return (tokens + B - 1) / B;
  }
}
