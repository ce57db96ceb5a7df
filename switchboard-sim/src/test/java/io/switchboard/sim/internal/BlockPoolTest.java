package io.switchboard.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockPoolTest {

  @Test
  void allocate_allBlocks_thenNone() {
    BlockPool pool = new BlockPool(3);
    assertThat(new int[] {pool.allocate(), pool.allocate(), pool.allocate()}).containsExactly(0, 1, 2);
    assertThat(pool.allocate()).isEqualTo(BlockPool.NONE);
    assertThat(pool.used()).isEqualTo(3);
    assertThat(pool.available()).isZero();
  }

  @Test
  void release_unhashedBlock_becomesFreeAndUnfindable() {
    BlockPool pool = new BlockPool(2);
    int block = pool.allocate();
    pool.release(block);
    assertThat(pool.used()).isZero();
    assertThat(pool.cachedFree()).isZero();
    assertThat(pool.available()).isEqualTo(2);
  }

  @Test
  void release_registeredBlock_becomesCachedFree_notUsed_stillFindable() {
    BlockPool pool = new BlockPool(2);
    int block = pool.allocate();
    pool.register(block, 77L);
    pool.release(block);
    assertThat(pool.used()).isZero();
    assertThat(pool.cachedFree()).isEqualTo(1);
    assertThat(pool.lookup(77L)).isEqualTo(block);
  }

  @Test
  void acquire_cachedFreeBlock_takesItOffTheLru() {
    BlockPool pool = new BlockPool(1);
    int block = pool.allocate();
    pool.register(block, 5L);
    pool.release(block);
    pool.acquire(block);
    assertThat(pool.used()).isEqualTo(1);
    assertThat(pool.cachedFree()).isZero();
    // It is in use again, so it cannot be evicted by an allocation.
    assertThat(pool.allocate()).isEqualTo(BlockPool.NONE);
  }

  @Test
  void allocate_noFreeBlocks_evictsLeastRecentlyFreedAndDropsItsHash() {
    BlockPool pool = new BlockPool(3);
    int a = pool.allocate();
    int b = pool.allocate();
    int c = pool.allocate();
    pool.register(a, 1L);
    pool.register(b, 2L);
    pool.register(c, 3L);
    pool.release(b);
    pool.release(a);
    pool.release(c);
    assertThat(pool.allocate()).isEqualTo(b);
    assertThat(pool.lookup(2L)).isEqualTo(BlockPool.NONE);
    assertThat(pool.lookup(1L)).isEqualTo(a);
    assertThat(pool.allocate()).isEqualTo(a);
    assertThat(pool.lookup(3L)).isEqualTo(c);
  }

  @Test
  void allocate_prefersNeverHashedBlocksOverCachedOnes() {
    BlockPool pool = new BlockPool(2);
    int cached = pool.allocate();
    int plain = pool.allocate();
    pool.register(cached, 9L);
    pool.release(cached);
    pool.release(plain);
    assertThat(pool.allocate()).isEqualTo(plain);
    assertThat(pool.lookup(9L)).isEqualTo(cached);
  }

  @Test
  void register_duplicateContent_keepsFirstBlock() {
    BlockPool pool = new BlockPool(2);
    int first = pool.allocate();
    int second = pool.allocate();
    pool.register(first, 4L);
    pool.register(second, 4L);
    pool.release(second);
    // The duplicate is anonymous: it went back to the plain free list, not the cached one.
    assertThat(pool.lookup(4L)).isEqualTo(first);
    assertThat(pool.cachedFree()).isZero();
  }

  @Test
  void sharedBlock_staysUsedUntilLastReleased() {
    BlockPool pool = new BlockPool(1);
    int block = pool.allocate();
    pool.register(block, 8L);
    pool.acquire(block);
    pool.release(block);
    assertThat(pool.used()).isEqualTo(1);
    pool.release(block);
    assertThat(pool.used()).isZero();
  }
}
