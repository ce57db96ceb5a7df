package io.switchboard.core.prefix.internal;

/**
 * A bounded set of {@code long} keys with least-recently-used eviction, without boxing: an open-addressing
 * table (linear probing, backward-shift deletion, Knuth TAOCP 6.4 Algorithm R) maps a key to a slot, and the
 * slots form a doubly linked recency list. Every operation is O(1) expected. Not thread-safe.
 */
public final class LongLru {
  private static final int NIL = -1;
  private final int capacity;
  private final long[] keys;      // by slot
  private final int[] prev;       // by slot, towards most recent
  private final int[] next;       // by slot, towards least recent
  private final int[] table;      // open addressing: slot + 1, 0 = empty
  private final int mask;
  private int size;
  private int head = NIL;         // most recently used
  private int tail = NIL;         // least recently used

  public LongLru(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    this.capacity = capacity;
    keys = new long[capacity];
    prev = new int[capacity];
    next = new int[capacity];
    int tableSize = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
    table = new int[tableSize];
    mask = tableSize - 1;
  }

  public int size() { return size; }

  public int capacity() { return capacity; }

  /**
   * A copy holding at most {@code capacity} keys: the most recent ones, in the same order of recency (keys are
   * replayed from least to most recent, so a smaller copy drops the least recent).
   */
  public LongLru resized(int capacity) {
    LongLru copy = new LongLru(capacity);
    for (int slot = tail; slot != NIL; slot = prev[slot]) copy.touch(keys[slot]);
    return copy;
  }

  /** Whether {@code key} is present; does not change its recency. */
  public boolean contains(long key) { return find(key) >= 0; }

  /** Marks {@code key} most recently used, inserting it (and evicting the least recent key) if absent. */
  public void touch(long key) {
    int pos = find(key);
    if (pos >= 0) {
      int slot = table[pos] - 1;
      unlink(slot);
      pushHead(slot);
      return;
    }
    int slot;
    int p = -pos - 1;
    if (size == capacity) {
      slot = tail;
      removeFromTable(keys[slot]);
      unlink(slot);
      // Deletion shifted entries back: the probe path of key changed, so find its insertion point again.
      p = insertionPoint(key);
    } else {
      slot = size++;
    }
    keys[slot] = key;
    table[p] = slot + 1;
    pushHead(slot);
  }

  /** Table position of key (>= 0), or -(insertion point) - 1. */
  private int find(long key) {
    int i = (int) spread(key) & mask;
    for (;;) {
      int s = table[i];
      if (s == 0) return -i - 1;
      if (keys[s - 1] == key) return i;
      i = (i + 1) & mask;
    }
  }

  private int insertionPoint(long key) {
    int i = (int) spread(key) & mask;
    while (table[i] != 0) i = (i + 1) & mask;
    return i;
  }

  private void removeFromTable(long key) {
    int i = find(key);
    // Backward-shift deletion keeps every remaining key reachable from its home position.
    int j = i;
    for (;;) {
      j = (j + 1) & mask;
      int s = table[j];
      if (s == 0) break;
      int home = (int) spread(keys[s - 1]) & mask;
      boolean movable = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
      if (movable) {
        table[i] = s;
        i = j;
      }
    }
    table[i] = 0;
  }

  private void unlink(int slot) {
    int p = prev[slot], n = next[slot];
    if (p != NIL) next[p] = n; else head = n;
    if (n != NIL) prev[n] = p; else tail = p;
  }

  private void pushHead(int slot) {
    prev[slot] = NIL;
    next[slot] = head;
    if (head != NIL) prev[head] = slot;
    head = slot;
    if (tail == NIL) tail = slot;
  }

  private static long spread(long key) {
    long z = key * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 32);
  }
}
