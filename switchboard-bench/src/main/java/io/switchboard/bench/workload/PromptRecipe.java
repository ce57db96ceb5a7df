package io.switchboard.bench.workload;

import java.util.Arrays;

/**
 * A prompt as a recipe rather than tokens: the concatenation of segments, each {@code lengths[i]} tokens drawn
 * deterministically from {@code seeds[i]}. Two prompts that start with the same segments share that token
 * prefix exactly, so prefix caches and prefix-aware routers see real sharing, while a request in a queue
 * costs a few bytes instead of its whole prompt. The arrays are owned by the recipe; do not mutate them.
 *
 * <p>Example: a Mooncake request with {@code hash_ids [7, 8, 9]} and 1,100 input tokens is
 * {@code seeds [7, 8, 9], lengths [512, 512, 76]}.
 */
public record PromptRecipe(long[] seeds, int[] lengths) {
  /** Llama 3's vocabulary size: token ids are in {@code [0, VOCAB)}. */
  public static final int VOCAB = 128_256;

  public PromptRecipe {
    if (seeds.length != lengths.length) {
      throw new IllegalArgumentException(seeds.length + " seeds for " + lengths.length + " lengths");
    }
    for (int len : lengths) if (len < 0) throw new IllegalArgumentException("negative segment length " + len);
  }

  /** One segment. */
  public static PromptRecipe of(long seed, int length) { return new PromptRecipe(new long[] {seed}, new int[] {length}); }

  /** Total tokens. */
  public int length() {
    int n = 0;
    for (int len : lengths) n += len;
    return n;
  }

  /** This prompt followed by one more segment (a new turn of a conversation). */
  public PromptRecipe append(long seed, int length) {
    long[] s = Arrays.copyOf(seeds, seeds.length + 1);
    int[] l = Arrays.copyOf(lengths, lengths.length + 1);
    s[seeds.length] = seed;
    l[lengths.length] = length;
    return new PromptRecipe(s, l);
  }

  /** The token ids; a fresh array on every call. */
  public int[] tokens() {
    int[] out = new int[length()];
    int pos = 0;
    for (int i = 0; i < seeds.length; i++) {
      long base = mix64(seeds[i] ^ 0x6A09E667F3BCC909L);
      for (int j = 0; j < lengths[i]; j++) {
        out[pos++] = (int) Long.remainderUnsigned(mix64(base + j * 0x9E3779B97F4A7C15L), VOCAB);
      }
    }
    return out;
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromptRecipe r && Arrays.equals(r.seeds, seeds) && Arrays.equals(r.lengths, lengths);
  }

  @Override
  public int hashCode() { return 31 * Arrays.hashCode(seeds) + Arrays.hashCode(lengths); }

  @Override
  public String toString() { return "PromptRecipe{" + seeds.length + " segments, " + length() + " tokens}"; }
}
