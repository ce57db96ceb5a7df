package io.switchboard.bench.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {

  @Test
  void routed_pastTheLastBucket_mergesPairsAndDoublesTheWidth_keepingEveryCount() {
    var t = new TimelineBuilder(2, 10);
    for (int s = 0; s < 35; s++) t.routed(s % 2, s * 1_000_000_000L + 1); // one request a second, alternating
    var built = t.build();
    // 35 s do not fit 10 one-second buckets, nor 10 two-second ones: the width is 4 s, 9 buckets used.
    assertThat(built.bucketSeconds()).isEqualTo(4.0);
    assertThat(built.counts().get(0)).hasSize(9);
    long total = built.counts().stream().flatMapToLong(Arrays::stream).sum();
    assertThat(total).isEqualTo(35);
    assertThat(built.counts().get(0)[0]).isEqualTo(2); // seconds 0 and 2 went to replica 0
    assertThat(built.counts().get(1)[0]).isEqualTo(2); // seconds 1 and 3 to replica 1
  }
}
