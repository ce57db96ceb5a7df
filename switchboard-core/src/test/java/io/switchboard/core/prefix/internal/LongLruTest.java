package io.switchboard.core.prefix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongLruTest {

  @Test
  void resized_keepsTheMostRecentKeys_inTheirOrder() {
    var lru = new LongLru(5);
    for (long k = 1; k <= 5; k++) lru.touch(k);
    lru.touch(2); // recency, least first: 1 3 4 5 2
    var smaller = lru.resized(3);
    assertThat(smaller.capacity()).isEqualTo(3);
    assertThat(smaller.contains(1) || smaller.contains(3)).isFalse();
    smaller.touch(9); // evicts 4, the least recent left
    assertThat(smaller.contains(4)).isFalse();
    assertThat(smaller.contains(5) && smaller.contains(2) && smaller.contains(9)).isTrue();
    var larger = lru.resized(8);
    assertThat(larger.size()).isEqualTo(5);
    assertThat(lru.size()).isEqualTo(5); // the original is left as it was
  }

  @Test
  void touch_beyondCapacity_evictsLeastRecentlyUsed() {
    var lru = new LongLru(3);
    lru.touch(1);
    lru.touch(2);
    lru.touch(3);
    lru.touch(1); // 2 is now the least recent
    lru.touch(4);
    assertThat(lru.contains(2)).isFalse();
    assertThat(lru.contains(1)).isTrue();
    assertThat(lru.contains(3)).isTrue();
    assertThat(lru.contains(4)).isTrue();
    assertThat(lru.size()).isEqualTo(3);
  }

  @Test
  void randomOperations_agreeWithLinkedHashMapInAccessOrder() {
    // A reference model: the JDK's access-ordered LinkedHashMap with the same capacity. Colliding keys
    // (a small key range) exercise probing and backward-shift deletion.
    int cap = 37;
    var ref = new LinkedHashMap<Long, Boolean>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) { return size() > cap; }
    };
    var lru = new LongLru(cap);
    var rnd = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      long k = rnd.nextInt(100) * 1024L;
      if (rnd.nextBoolean()) {
        lru.touch(k);
        ref.put(k, true);
      } else {
        assertThat(lru.contains(k)).isEqualTo(ref.containsKey(k));
      }
    }
    assertThat(lru.size()).isEqualTo(ref.size());
    for (long k : ref.keySet()) assertThat(lru.contains(k)).isTrue();
  }
}
