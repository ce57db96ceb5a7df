package io.switchboard.sim.internal;

import java.util.Arrays;

/**
 * An open-addressing map from non-zero {@code long} keys to {@code int} values, with linear probing and
 * backward-shift deletion (no tombstones), so lookups stay short however many keys come and go. Fixed
 * capacity: the caller knows the maximum size (the KV pool's block count). Key 0 marks an empty slot.
 */
final class LongIntHashMap {
  static final int ABSENT = -1;

  private final long[] keys;
  private final int[] values;
  private final int mask;
  private int size;

  LongIntHashMap(int maxSize) {
    int capacity = Integer.highestOneBit(Math.max(4, maxSize) * 2 - 1) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  int get(long key) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) return values[i];
      if (k == 0) return ABSENT;
    }
  }

  /** Maps {@code key} to {@code value} unless the key is present; returns whether it was added. */
  boolean putIfAbsent(long key, int value) {
    if (key == 0) throw new IllegalArgumentException("key 0 is reserved");
    int i = slot(key);
    for (; keys[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == key) return false;
    }
    if (size + 1 > (mask + 1) * 3 / 4) throw new IllegalStateException("map over capacity: " + size);
    keys[i] = key;
    values[i] = value;
    size++;
    return true;
  }

  void remove(long key) {
    int i = slot(key);
    while (keys[i] != key) {
      if (keys[i] == 0) return;
      i = (i + 1) & mask;
    }
    // Shift later entries of the probe run back into the hole so no lookup stops early.
    for (int hole = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
      long k = keys[j];
      if (k == 0) {
        keys[hole] = 0;
        size--;
        return;
      }
      int home = slot(k);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = k;
        values[hole] = values[j];
        hole = j;
      }
    }
  }

  int size() {
    return size;
  }

  void clear() {
    Arrays.fill(keys, 0);
    size = 0;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
