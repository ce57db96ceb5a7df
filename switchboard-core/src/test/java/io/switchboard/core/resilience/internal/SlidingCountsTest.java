package io.switchboard.core.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingCountsTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = -10 * S; // negative like System.nanoTime() may be; a bucket boundary

  @Test
  void sum_countsEventsForAtLeastWindowMinusOneBucket_andNeverBeyondTheWindow() {
    var c = SlidingCounts.empty(60 * S, 12).add(T0 + 4 * S, 1).add(T0 + 30 * S, 2);
    assertThat(c.sum(T0 + 30 * S)).isEqualTo(3);
    assertThat(c.sum(T0 + 59 * S)).isEqualTo(3);
    // The first event (at 4 s) is 56 s old: its bucket [0 s, 5 s) has left the 60 s window.
    assertThat(c.sum(T0 + 60 * S)).isEqualTo(2);
    assertThat(c.sum(T0 + 90 * S)).isZero();
  }

  @Test
  void add_afterALongIdle_startsFromZero() {
    var c = SlidingCounts.empty(60 * S, 12).add(T0, 5).add(T0 + 3600 * S, 1);
    assertThat(c.sum(T0 + 3600 * S)).isEqualTo(1);
  }

  @Test
  void add_reusesRingSlots_withoutCarryingOldCounts() {
    var c = SlidingCounts.empty(60 * S, 12);
    for (int i = 0; i < 40; i++) c = c.add(T0 + i * 5 * S, 1); // one event per bucket for 200 s
    assertThat(c.sum(T0 + 39 * 5 * S)).isEqualTo(12);
  }

  @Test
  void add_withAStaleTimestamp_countsInItsOwnBucket_orNotAtAllWhenOutsideWindow() {
    var c = SlidingCounts.empty(60 * S, 12).add(T0 + 100 * S, 1);
    var late = c.add(T0 + 90 * S, 1);
    assertThat(late.sum(T0 + 100 * S)).isEqualTo(2);
    assertThat(late.sum(T0 + 152 * S)).as("the stale event expires first").isEqualTo(1);
    assertThat(c.add(T0, 1)).isSameAs(c);
  }

  @Test
  void add_isPure() {
    var empty = SlidingCounts.empty(60 * S, 12);
    empty.add(T0, 1);
    assertThat(empty.sum(T0)).isZero();
  }
}
