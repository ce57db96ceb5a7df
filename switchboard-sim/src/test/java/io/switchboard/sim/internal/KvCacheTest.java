package io.switchboard.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KvCacheTest {
  private static final TokenListener NONE = new TokenListener() {
    @Override public void onTokens(long requestId, int count, long atNanos) {}
    @Override public void onFinished(long requestId, Completion completion, long atNanos) {}
  };

  static RequestState request(long id, int[] prompt) {
    return new RequestState(new SimRequest(id, prompt, 4, NONE));
  }

  static int[] tokens(int from, int count) {
    return IntStream.range(from, from + count).toArray();
  }

  /** Admits and computes the whole prompt, as the scheduler would. */
  private static void prefill(KvCache kv, RequestState r) {
    int hit = kv.cachedPrefixBlocks(r);
    int computed = Math.min(hit * 16, r.numTokens - 1);
    assertThat(kv.admit(r, hit, computed, r.numTokens - computed)).isTrue();
    r.numComputed = computed;
    r.scheduled = r.numTokens - computed;
    kv.cacheFullBlocks(r);
    r.numComputed = r.numTokens;
    r.scheduled = 0;
  }

  @Test
  void samePrefix_secondRequestFindsTheFirstsFullBlocks() {
    KvCache kv = new KvCache(16);
    RequestState first = request(1, tokens(0, 40));
    prefill(kv, first);
    int[] other = tokens(0, 50);
    other[35] = -1; // diverges inside the third block
    RequestState second = request(2, other);
    assertThat(kv.cachedPrefixBlocks(second)).isEqualTo(2);
  }

  @Test
  void differentFirstToken_findsNothing_becauseHashesChain() {
    KvCache kv = new KvCache(16);
    prefill(kv, request(1, tokens(0, 64)));
    int[] other = tokens(0, 64);
    other[0] = 999;
    assertThat(kv.cachedPrefixBlocks(request(2, other))).isZero();
  }

  @Test
  void finishedRequest_blocksStayFindableAsCachedFree() {
    KvCache kv = new KvCache(16);
    RequestState first = request(1, tokens(0, 40));
    prefill(kv, first);
    kv.free(first);
    assertThat(kv.pool().used()).isZero();
    // Two full blocks are cached-free; the partial third went back to the plain free list.
    assertThat(kv.pool().cachedFree()).isEqualTo(2);
    assertThat(kv.cachedPrefixBlocks(request(2, tokens(0, 40)))).isEqualTo(2);
  }

  @Test
  void free_returnsTailFirst_soTheLastBlockIsEvictedFirst() {
    KvCache kv = new KvCache(3);
    RequestState first = request(1, tokens(0, 48));
    prefill(kv, first);
    int lastBlock = first.block(2);
    kv.free(first);
    assertThat(kv.pool().cachedFree()).isEqualTo(3);
    assertThat(kv.pool().allocate()).isEqualTo(lastBlock);
    RequestState again = request(2, tokens(0, 48));
    assertThat(kv.cachedPrefixBlocks(again)).isEqualTo(2);
  }

  @Test
  void admit_notEnoughBlocks_changesNothing() {
    KvCache kv = new KvCache(2);
    RequestState big = request(1, tokens(0, 40));
    assertThat(kv.admit(big, 0, 0, 40)).isFalse();
    assertThat(kv.pool().used()).isZero();
    assertThat(big.blockCount()).isZero();
  }

  @Test
  void admit_unusedHitsCountAgainstFreeBlocks() {
    KvCache kv = new KvCache(3);
    RequestState first = request(1, tokens(0, 32));
    prefill(kv, first);
    kv.free(first);
    // Two cached-free hits plus two fresh blocks: the hits leave only one allocatable block.
    RequestState second = request(2, tokens(0, 64));
    assertThat(kv.cachedPrefixBlocks(second)).isEqualTo(2);
    assertThat(kv.admit(second, 2, 32, 32)).isFalse();
    assertThat(kv.admit(second, 2, 32, 16)).isTrue();
    assertThat(kv.pool().used()).isEqualTo(3);
  }
}
