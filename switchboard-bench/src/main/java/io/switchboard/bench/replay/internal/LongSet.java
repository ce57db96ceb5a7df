package io.switchboard.bench.replay.internal;

/**
 * A set of longs by open addressing with linear probing (0 is stored apart), so millions of block hashes cost 8
 * bytes each and no boxing. Grows at half full. Not thread-safe.
 */
public final class LongSet {
  private long[] slots = new long[1 << 12];
  private int size;
  private boolean hasZero;

  /** Adds {@code v}; returns whether it was new. */
  public boolean add(long v) {
    if (v == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if (2 * (size + 1) > slots.length) grow();
    if (!insert(slots, v)) return false;
    size++;
    return true;
  }

  public boolean contains(long v) {
    if (v == 0) return hasZero;
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == v) return true;
      if (s == 0) return false;
    }
  }

  public int size() { return size + (hasZero ? 1 : 0); }

  private static boolean insert(long[] table, long v) {
    int mask = table.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long s = table[i];
      if (s == v) return false;
      if (s == 0) {
        table[i] = v;
        return true;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long s : slots) if (s != 0) insert(bigger, s);
    slots = bigger;
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
