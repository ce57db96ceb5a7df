package io.switchboard.core.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockHashesTest {

  @Test
  void ofTokens_sharedLeadingBlocks_giveEqualLeadingHashes() {
    var a = BlockHashes.ofTokens(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 4);
    var b = BlockHashes.ofTokens(new int[] {1, 2, 3, 4, 5, 6, 7, 0}, 4);
    assertThat(a.length()).isEqualTo(2); // the partial ninth token is not hashed
    assertThat(b.length()).isEqualTo(2);
    assertThat(a.get(0)).isEqualTo(b.get(0));
    assertThat(a.get(1)).isNotEqualTo(b.get(1));
    assertThat(a.commonPrefix(b)).isEqualTo(1);
  }

  @Test
  void ofTokens_hashesAreChained_soAnEqualBlockAfterADifferentOneDiffers() {
    // Block 1 is identical in both, but block 0 differs: a chained hash must not match on block 1 alone.
    var a = BlockHashes.ofTokens(new int[] {1, 1, 7, 7}, 2);
    var b = BlockHashes.ofTokens(new int[] {2, 2, 7, 7}, 2);
    assertThat(a.get(1)).isNotEqualTo(b.get(1));
  }

  @Test
  void ofText_equalTextPrefixes_shareHashes() {
    var a = BlockHashes.ofText("You are a helpful assistant. Q: one", 8);
    var b = BlockHashes.ofText("You are a helpful assistant. Q: two", 8);
    assertThat(a.commonPrefix(b)).isEqualTo(4); // 32 equal characters = 4 blocks of 8
  }

  @Test
  void commonPrefix_differentBlockSizes_isZero() {
    int[] t = new int[64];
    assertThat(BlockHashes.ofTokens(t, 16).commonPrefix(BlockHashes.ofTokens(t, 8))).isZero();
  }
}
