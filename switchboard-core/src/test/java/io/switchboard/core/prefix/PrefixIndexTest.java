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

  @Test
  void resize_smaller_keepsTheMostRecentBlocks_soWhatRemainsIsStillAPrefix() {
    var index = new PrefixIndex(4, 100);
    index.record(prompt(3, 5, 1)); // 8 blocks, older
    index.record(prompt(0, 6, 2)); // 6 blocks, newer
    index.resize(9);
    assertThat(index.capacityBlocks()).isEqualTo(9);
    assertThat(index.size()).isEqualTo(9);
    assertThat(index.matchedBlocks(prompt(0, 6, 2))).isEqualTo(6);     // the newer prompt whole
    assertThat(index.matchedBlocks(prompt(3, 5, 1))).isEqualTo(3);     // the older one's head, its tail dropped
    assertThat(index.longestPrefixBlocks(prompt(3, 5, 1))).isEqualTo(3);
    index.record(prompt(0, 2, 3));                                     // and it evicts at the new size
    assertThat(index.size()).isEqualTo(9);
  }

  @Test
  void indexes_takeAReportedCapacity_forNewAndExistingIndexes() {
    var indexes = PrefixIndexes.uniform(4, 400); // 100 blocks each by default
    PrefixIndex existing = indexes.of("a");
    indexes.capacity("a", 40);
    indexes.capacity("b", 80);
    assertThat(existing.capacityBlocks()).isEqualTo(10);
    assertThat(indexes.of("b").capacityBlocks()).isEqualTo(20);
    assertThat(indexes.of("c").capacityBlocks()).isEqualTo(100);
  }
}
