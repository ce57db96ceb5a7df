package io.switchboard.bench.workload.internal;

/** Derives independent 64-bit seeds and keys from a workload seed and a few labels. */
final class Seeds {
  private Seeds() {}

  static long of(long seed, long a) { return mix64(mix64(seed ^ 0x243F6A8885A308D3L) + a); }

  static long of(long seed, long a, long b) { return mix64(of(seed, a) + b * 0x9E3779B97F4A7C15L); }

  /** A routing key: never 0, which means "no key". */
  static long key(long seed, long a) {
    long k = of(seed, a ^ 0x13198A2E03707344L);
    return k == 0 ? 1 : k;
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
