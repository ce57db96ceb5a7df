package io.switchboard.core.internal;

/** Cheap, well-mixed 64-bit hashing for routing keys. */
public final class Mix {
  private Mix() {}

  /** The SplitMix64 finaliser (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", 2014). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of a string; never 0, so 0 can mean "no key". */
  public static long hashString(CharSequence s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
    long m = mix64(h);
    return m == 0 ? 1 : m;
  }
}
