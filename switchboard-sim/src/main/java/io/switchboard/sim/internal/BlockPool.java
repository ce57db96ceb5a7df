package io.switchboard.sim.internal;

/**
 * The KV cache's physical blocks: each is free, in use (ref-counted) or cached-free (unreferenced but still
 * holding a prefix, findable by its content hash, evictable in least-recently-freed order).
 *
 * <p>Allocation prefers never-hashed free blocks and then evicts the oldest cached-free block, dropping
 * its hash. State lives in int/long arrays indexed by block id: the LRU is an intrusive doubly linked list
 * over {@code prev}/{@code next}, the hash index a primitive open-addressing map, so no operation allocates.
 */
final class BlockPool {
  static final int NONE = -1;

  private final int capacity;
  private final int[] refCount;
  private final long[] hash;
  private final int[] prev;
  private final int[] next;
  private final int[] freeStack;
  private final LongIntHashMap cached;
  private int freeTop;
  private int lruHead = NONE;
  private int lruTail = NONE;
  private int lruSize;
  private int used;

  BlockPool(int capacity) {
    this.capacity = capacity;
    refCount = new int[capacity];
    hash = new long[capacity];
    prev = new int[capacity];
    next = new int[capacity];
    freeStack = new int[capacity];
    cached = new LongIntHashMap(capacity);
    // Block 0 on top of the stack, so blocks are handed out in id order (easier to read in tests).
    for (int i = 0; i < capacity; i++) freeStack[i] = capacity - 1 - i;
    freeTop = capacity;
  }

  int capacity() {
    return capacity;
  }

  /** Blocks referenced by at least one request (what vLLM reports as KV usage). */
  int used() {
    return used;
  }

  /** Blocks that can be allocated now: free plus cached-free. */
  int available() {
    return freeTop + lruSize;
  }

  int cachedFree() {
    return lruSize;
  }

  /** The block holding the prefix hashed {@code blockHash}, or {@link #NONE}. */
  int lookup(long blockHash) {
    return cached.get(blockHash);
  }

  int refCount(int block) {
    return refCount[block];
  }

  /** Adds a reference to a cached block found by {@link #lookup}, taking it off the LRU if it was unused. */
  void acquire(int block) {
    if (refCount[block]++ == 0) {
      lruRemove(block);
      used++;
    }
  }

  /** A block with one reference, or {@link #NONE} when every block is in use. */
  int allocate() {
    int block;
    if (freeTop > 0) {
      block = freeStack[--freeTop];
    } else if (lruHead != NONE) {
      block = lruHead;
      lruRemove(block);
      cached.remove(hash[block]);
      hash[block] = 0;
    } else {
      return NONE;
    }
    refCount[block] = 1;
    used++;
    return block;
  }

  /**
   * Makes a full, in-use block findable by its content hash. A no-op when another block already holds
   * that content (two requests computed the same prefix at once); this one then stays anonymous.
   */
  void register(int block, long blockHash) {
    if (hash[block] == 0 && cached.putIfAbsent(blockHash, block)) hash[block] = blockHash;
  }

  /** Drops a reference; an unreferenced block becomes cached-free if it holds a prefix, else free. */
  void release(int block) {
    if (refCount[block] <= 0) throw new IllegalStateException("block " + block + " released while free");
    if (--refCount[block] > 0) return;
    used--;
    if (hash[block] != 0) {
      lruAppend(block);
    } else {
      freeStack[freeTop++] = block;
    }
  }

  private void lruAppend(int block) {
    prev[block] = lruTail;
    next[block] = NONE;
    if (lruTail == NONE) lruHead = block; else next[lruTail] = block;
    lruTail = block;
    lruSize++;
  }

  private void lruRemove(int block) {
    int p = prev[block];
    int n = next[block];
    if (p == NONE) lruHead = n; else next[p] = n;
    if (n == NONE) lruTail = p; else prev[n] = p;
    lruSize--;
  }
}
