package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerWheelTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final FakeTicks ticks = new FakeTicks();
  private final TimerWheel wheel = new TimerWheel(ticks, clock::get);
  private final List<String> fired = new ArrayList<>();

  private TimerWheel.Entry entry(String name) { return new TimerWheel.Entry(() -> fired.add(name)); }

  private void advanceTo(long millisFromStart) {
    clock.set(1_000 * MS + millisFromStart * MS);
    wheel.advance();
  }

  @Test
  void entry_firesOnceItsDeadlinePasses_notBefore() {
    wheel.schedule(entry("a"), 50 * MS);
    advanceTo(49);
    assertThat(fired).isEmpty();
    advanceTo(50 + TimerWheel.TICK_NANOS / MS);
    assertThat(fired).containsExactly("a");
    advanceTo(5_000);
    assertThat(fired).containsExactly("a");
  }

  @Test
  void cancelledEntry_neverFires() {
    TimerWheel.Entry a = entry("a");
    wheel.schedule(a, 10 * MS);
    wheel.cancel(a);
    advanceTo(1_000);
    assertThat(fired).isEmpty();
    assertThat(a.armed()).isFalse();
  }

  @Test
  void rescheduling_replacesTheDeadline() {
    TimerWheel.Entry a = entry("a");
    wheel.schedule(a, 10 * MS);
    wheel.schedule(a, 300 * MS);
    advanceTo(100);
    assertThat(fired).isEmpty();
    advanceTo(310);
    assertThat(fired).containsExactly("a");
    assertThat(wheel.size()).isZero();
  }

  @Test
  void deadlineBeyondOneTurn_waitsForItsTurn() {
    wheel.schedule(entry("far"), 5_000 * MS);
    for (long t = 0; t < 4_990; t += 4) advanceTo(t);
    assertThat(fired).isEmpty();
    advanceTo(5_010);
    assertThat(fired).containsExactly("far");
  }

  @Test
  void longStall_firesEverythingDueAtOnce_inOnePass() {
    wheel.schedule(entry("a"), 10 * MS);
    wheel.schedule(entry("b"), 2_000 * MS);
    wheel.schedule(entry("c"), 60_000 * MS);
    advanceTo(10_000);
    assertThat(fired).containsExactlyInAnyOrder("a", "b");
    advanceTo(60_010);
    assertThat(fired).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void taskCancellingAnotherDueInTheSameTick_stopsIt() {
    TimerWheel.Entry b = entry("b");
    TimerWheel.Entry a = new TimerWheel.Entry(() -> {
      fired.add("a");
      wheel.cancel(b);
    });
    wheel.schedule(b, 20 * MS);
    wheel.schedule(a, 20 * MS);
    advanceTo(30);
    // Either order is possible within a tick; whichever runs first, the other must respect it.
    assertThat(fired).isIn(List.of("a"), List.of("b", "a"));
  }

  @Test
  void taskReArmingItself_firesAgainLater() {
    long[] count = {0};
    TimerWheel.Entry[] self = new TimerWheel.Entry[1];
    self[0] = new TimerWheel.Entry(() -> {
      if (++count[0] < 3) wheel.schedule(self[0], 100 * MS);
    });
    wheel.schedule(self[0], 100 * MS);
    for (long t = 0; t <= 1_000; t += 4) advanceTo(t);
    assertThat(count[0]).isEqualTo(3);
  }

  @Test
  void periodicTick_runsOnlyWhileSomethingIsArmed() {
    assertThat(wheel.ticking()).isFalse();
    TimerWheel.Entry a = entry("a");
    wheel.schedule(a, 10 * MS);
    assertThat(wheel.ticking()).isTrue();
    assertThat(ticks.started).isEqualTo(1);
    wheel.cancel(a);
    advanceTo(4);
    assertThat(wheel.ticking()).isFalse();
    assertThat(ticks.stopped).isEqualTo(1);
    wheel.schedule(a, 10 * MS);
    assertThat(ticks.started).isEqualTo(2);
  }

  @Test
  void zeroDelay_firesAtTheNextTick_notAfterATurn() {
    advanceTo(8);
    wheel.schedule(entry("now"), 0);
    advanceTo(8 + 2 * TimerWheel.TICK_NANOS / MS);
    assertThat(fired).containsExactly("now");
  }

  private static final class FakeTicks implements TimerWheel.Ticks {
    int started;
    int stopped;

    @Override
    public long start(long periodMillis, Runnable advance) { return ++started; }

    @Override
    public void stop(long id) { stopped++; }
  }
}
