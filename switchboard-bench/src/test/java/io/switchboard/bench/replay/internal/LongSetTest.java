package io.switchboard.bench.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongSetTest {
  @Test
  void longSet_manyValuesIncludingZero_agreesWithAHashSet() {
    LongSet set = new LongSet();
    HashSet<Long> reference = new HashSet<>();
    var random = new SplittableRandom(3);
    for (int i = 0; i < 50_000; i++) {
      long v = i % 1000 == 0 ? 0 : random.nextLong(100_000) - 50_000;
      assertThat(set.add(v)).isEqualTo(reference.add(v));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    for (long v = -60_000; v < 60_000; v += 7) assertThat(set.contains(v)).isEqualTo(reference.contains(v));
  }
}
