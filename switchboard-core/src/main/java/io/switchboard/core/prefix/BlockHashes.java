package io.switchboard.core.prefix;

import java.util.Arrays;

/**
 * The chained hashes of a prompt's full blocks: hash {@code i} covers blocks {@code 0..i}, so two prompts share
 * their first {@code k} hashes exactly when they share their first {@code k} blocks (up to 64-bit collisions).
 * A trailing partial block is not hashed, as in vLLM's prefix cache. Immutable.
 *
 * <p>Example with block size 4: prompts {@code [1 2 3 4 5 6 7 8 9]} and {@code [1 2 3 4 5 6 7 0]} both have two
 * hashes; the first is equal, the second differs.
 */
public final class BlockHashes {
  /** No hashes: a request whose prompt is unknown or shorter than one block. */
  public static final BlockHashes NONE = new BlockHashes(1, new long[0]);

  private static final long SEED = 0x5EED_B10C_CA11_AB1EL;
  private static final long FNV_PRIME = 0x100000001B3L;

  private final int blockSize;
  private final long[] hashes;

  private BlockHashes(int blockSize, long[] hashes) {
    this.blockSize = blockSize;
    this.hashes = hashes;
  }

  /** Hashes of the full {@code blockSize}-token blocks of {@code tokens}. */
  public static BlockHashes ofTokens(int[] tokens, int blockSize) {
    requireBlockSize(blockSize);
    long[] out = new long[tokens.length / blockSize];
    long parent = SEED;
    for (int b = 0, i = 0; b < out.length; b++) {
      long h = parent;
      for (int end = i + blockSize; i < end; i++) h = (h ^ tokens[i]) * FNV_PRIME;
      parent = mix64(h);
      out[b] = parent;
    }
    return new BlockHashes(blockSize, out);
  }

  /**
   * Hashes of the full {@code blockChars}-character blocks of a prompt's text, for a gateway that does not
   * tokenise: equal text prefixes give equal hash prefixes, though blocks do not align with the engine's.
   */
  public static BlockHashes ofText(CharSequence text, int blockChars) {
    requireBlockSize(blockChars);
    long[] out = new long[text.length() / blockChars];
    long parent = SEED;
    for (int b = 0, i = 0; b < out.length; b++) {
      long h = parent;
      for (int end = i + blockChars; i < end; i++) h = (h ^ text.charAt(i)) * FNV_PRIME;
      parent = mix64(h);
      out[b] = parent;
    }
    return new BlockHashes(blockChars, out);
  }

  /** Tokens (or characters) per block. */
  public int blockSize() { return blockSize; }

  /** Number of full blocks. */
  public int length() { return hashes.length; }

  /** The chained hash of blocks {@code 0..i}. */
  public long get(int i) { return hashes[i]; }

  /** Blocks both share from the start. */
  public int commonPrefix(BlockHashes other) {
    if (other.blockSize != blockSize) return 0;
    int n = Math.min(hashes.length, other.hashes.length);
    int i = 0;
    while (i < n && hashes[i] == other.hashes[i]) i++;
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHashes b && b.blockSize == blockSize && Arrays.equals(b.hashes, hashes);
  }

  @Override
  public int hashCode() { return 31 * blockSize + Arrays.hashCode(hashes); }

  @Override
  public String toString() { return "BlockHashes{" + hashes.length + " x " + blockSize + '}'; }

  private static void requireBlockSize(int blockSize) {
    if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1, was " + blockSize);
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
