package io.switchboard.sim.internal;

import io.switchboard.sim.model.GpuProfile;

/**
 * Chained content hashes of KV blocks, as vLLM's prefix cache keys them: block {@code k}'s hash covers its
 * parent's hash and its 16 token ids, so equal hashes mean equal prefixes. 64-bit, never 0.
 */
final class BlockHashes {
  private static final long SEED = 0x2545F4914F6CDD1DL;
  private static final long MUL = 0x9E3779B97F4A7C15L;

  private BlockHashes() {}

  /** The hash of the block of tokens {@code [from, from + 16)} following a block hashed {@code parent}. */
  static long content(long parent, int[] tokens, int from) {
    long h = parent ^ SEED;
    for (int i = from, end = from + GpuProfile.BLOCK_SIZE; i < end; i++) {
      h = (h ^ (tokens[i] & 0xFFFF_FFFFL)) * MUL;
      h ^= h >>> 29;
    }
    return finish(h);
  }

  /**
   * A stand-in for blocks holding generated tokens, whose ids the simulation does not know: unique to the
   * request, so only that request (after a preemption) can hit them.
   */
  static long generated(long parent, long requestId, int blockIndex) {
    return finish((parent ^ SEED) * MUL + requestId * 0xC2B2AE3D27D4EB4FL + blockIndex);
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }
}
