package io.switchboard.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

  @Test
  void randomPutsAndRemoves_agreeWithHashMap() {
    // Few distinct keys in a small table: long probe runs that wrap around, so backward shifts are exercised.
    LongIntHashMap map = new LongIntHashMap(48);
    Map<Long, Integer> reference = new HashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      long key = 1 + random.nextInt(64);
      if (random.nextBoolean() && reference.size() < 48) {
        boolean added = map.putIfAbsent(key, i);
        assertThat(added).isEqualTo(!reference.containsKey(key));
        reference.putIfAbsent(key, i);
      } else {
        map.remove(key);
        reference.remove(key);
      }
      long probe = 1 + random.nextInt(64);
      assertThat(map.get(probe)).isEqualTo(reference.getOrDefault(probe, LongIntHashMap.ABSENT));
      assertThat(map.size()).isEqualTo(reference.size());
    }
  }
}
