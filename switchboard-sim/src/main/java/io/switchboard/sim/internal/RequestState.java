package io.switchboard.sim.internal;

import io.switchboard.sim.SimRequest;
import io.switchboard.sim.model.GpuProfile;
import java.util.Arrays;

/**
 * The engine's bookkeeping for one request. Its token sequence is the prompt followed by the tokens
 * generated so far ({@code numTokens}); {@code numComputed} of them are in KV. The block hashes of the
 * prompt are computed once, on arrival; those of generated tokens as their blocks fill (by content when the
 * request carries its output token ids).
 */
final class RequestState {
  enum Phase { WAITING, RUNNING, DONE, CANCELLED }

  private static final int B = GpuProfile.BLOCK_SIZE;

  final SimRequest request;
  final long id;
  final int promptTokens;
  final int outputTokens;
  Phase phase = Phase.WAITING;

  int numTokens;
  int numComputed;
  int generated;
  int delivered;
  /** Tokens scheduled in the step in progress. */
  int scheduled;
  /** Leading blocks whose hash is registered with the pool (or was found there). */
  int registeredBlocks;
  int cachedPromptTokens = -1;
  int preemptions;
  long firstTokenNanos = -1;

  private long[] hashes;
  private int hashCount;
  /** Prompt then output token ids, when the request knows what it will generate; else null. */
  private final int[] sequence;
  private int[] blocks;
  private int blockCount;

  RequestState(SimRequest request) {
    this.request = request;
    this.id = request.id();
    int[] prompt = request.promptTokens();
    this.promptTokens = prompt.length;
    this.outputTokens = request.outputTokens();
    this.numTokens = promptTokens;
    int full = promptTokens / B;
    hashes = new long[full + 4];
    long parent = 0;
    for (int k = 0; k < full; k++) {
      parent = BlockHashes.content(parent, prompt, k * B);
      hashes[k] = parent;
    }
    hashCount = full;
    int[] out = request.outputTokenIds();
    if (out == null) {
      sequence = null;
    } else {
      sequence = Arrays.copyOf(prompt, promptTokens + outputTokens);
      System.arraycopy(out, 0, sequence, promptTokens, outputTokens);
    }
    blocks = new int[(promptTokens + outputTokens + B - 1) / B];
  }

  /** Hash of block {@code k}, which must be full within {@code numTokens}. */
  long blockHash(int k) {
    while (hashCount <= k) {
      if (hashCount == hashes.length) hashes = Arrays.copyOf(hashes, hashes.length * 2);
      long parent = hashCount == 0 ? 0 : hashes[hashCount - 1];
      boolean known = sequence != null && (hashCount + 1) * B <= sequence.length;
      hashes[hashCount] = known ? BlockHashes.content(parent, sequence, hashCount * B)
          : BlockHashes.generated(parent, id, hashCount);
      hashCount++;
    }
    return hashes[k];
  }

  /** Blocks full of known tokens: the most a prefix lookup can match. */
  int fullBlocks() {
    return numTokens / B;
  }

  int blockCount() {
    return blockCount;
  }

  int block(int k) {
    return blocks[k];
  }

  void addBlock(int block) {
    if (blockCount == blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
    blocks[blockCount++] = block;
  }

  /** Forgets the blocks (after they were released). */
  void clearBlocks() {
    blockCount = 0;
    registeredBlocks = 0;
  }

  boolean isDecoding() {
    return generated > 0 && numComputed == numTokens - 1;
  }

  boolean active() {
    return phase == Phase.WAITING || phase == Phase.RUNNING;
  }
}
