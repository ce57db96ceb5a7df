package io.switchboard.core.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheReplayBoundTest {
  private static int[] tokens(int group, int question) {
    int[] t = new int[48];
    for (int i = 0; i < 32; i++) t[i] = group * 1000 + i;      // 2 shared blocks of 16
    for (int i = 32; i < 48; i++) t[i] = question * 7919 + i;  // 1 distinct block
    return t;
  }

  @Test
  void hitRate_repeatedSharedPrefix_countsOnlyReusedBlocks() {
    var bound = new CacheReplayBound(1, 16, 1000, 0.2);
    for (int q = 0; q < 4; q++) bound.offer(BlockHashes.ofTokens(tokens(1, q), 16), 48);
    // First prompt misses; the next three hit their 32 shared tokens each: 96 / 192.
    assertThat(bound.hitTokens()).isEqualTo(96);
    assertThat(bound.hitRate()).isEqualTo(0.5);
  }

  @Test
  void offer_loadGuard_spreadsOneSharedPrefixAcrossReplicas() {
    var bound = new CacheReplayBound(4, 16, 1000, 0.2);
    for (int q = 0; q < 400; q++) bound.offer(BlockHashes.ofTokens(tokens(1, q), 16), 48);
    // Without the guard all 400 would go to one replica and 399 would hit; with it, each of 4 replicas
    // misses once, so 396 prompts hit 32 tokens.
    assertThat(bound.hitTokens()).isEqualTo(396L * 32);
  }

  @Test
  void hitRate_wholePromptCached_stillRecomputesTheLastToken() {
    var bound = new CacheReplayBound(1, 16, 1000, 0);
    int[] t = tokens(1, 1);
    bound.offer(BlockHashes.ofTokens(t, 16), 48);
    bound.offer(BlockHashes.ofTokens(t, 16), 48);
    assertThat(bound.hitTokens()).isEqualTo(47);
  }

  @Test
  void offer_uncounted_warmsTheCacheWithoutCountingItsHits() {
    var bound = new CacheReplayBound(1, 16, 1000, 0);
    bound.offer(BlockHashes.ofTokens(tokens(1, 0), 16), 48, false);
    bound.offer(BlockHashes.ofTokens(tokens(1, 1), 16), 48, true);
    // Only the second prompt counts, and it hits the 32 tokens the first one left behind.
    assertThat(bound.queryTokens()).isEqualTo(48);
    assertThat(bound.hitTokens()).isEqualTo(32);
  }
}
