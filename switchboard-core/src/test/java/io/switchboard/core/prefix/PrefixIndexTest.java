package io.switchboard.core.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixIndexTest {
  private static BlockHashes prompt(int shared, int distinct, int salt) {
    int[] t = new int[(shared + distinct) * 4];
    for (int i = 0; i < shared * 4; i++) t[i] = i;
    for (int i = shared * 4; i < t.length; i++) t[i] = salt * 100_000 + i;
    return BlockHashes.ofTokens(t, 4);
  }

  @Test
  void matchedBlocks_afterRecord_isTheSharedPrefixLength() {
    var index = new PrefixIndex(4, 100);
    index.record(prompt(5, 3, 1));
    assertThat(index.matchedBlocks(prompt(5, 3, 2))).isEqualTo(5);
    assertThat(index.matchedBlocks(prompt(5, 3, 1))).isEqualTo(8);
  }

  @Test
  void record_beyondCapacity_evictsTheTailOfOldPromptsFirst() {
    var index = new PrefixIndex(4, 10);
    index.record(prompt(4, 4, 1)); // 8 blocks
    index.record(prompt(0, 4, 2)); // 4 more: 2 of the first prompt's must go
    assertThat(index.size()).isEqualTo(10);
    // Its tail was the least recent, so its 4 shared head blocks survive and still match.
    assertThat(index.matchedBlocks(prompt(4, 4, 9))).isEqualTo(4);
    assertThat(index.matchedBlocks(prompt(4, 4, 1))).isEqualTo(6);
  }

  @Test
  void matchedBlocks_otherBlockSize_isZero() {
    var index = new PrefixIndex(4, 100);
    index.record(prompt(5, 0, 0));
    assertThat(index.matchedBlocks(BlockHashes.ofTokens(new int[40], 8))).isZero();
  }
}
