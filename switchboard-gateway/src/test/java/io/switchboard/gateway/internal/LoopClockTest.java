package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopClockTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void onAnEventLoop_everyReadInOneTask_isTheTasksStart_andTheNextTaskReadsAgain() throws Exception {
    var first = new CompletableFuture<long[]>();
    vertx.runOnContext(v -> {
      long a = LoopClock.nanoTime();
      long spin = System.nanoTime() + 2_000_000;
      while (System.nanoTime() < spin) Thread.onSpinWait();
      first.complete(new long[] {a, LoopClock.nanoTime(), System.nanoTime()});
    });
    long[] r = first.get();
    assertThat(r[1]).isEqualTo(r[0]);
    assertThat(r[2] - r[0]).isGreaterThanOrEqualTo(2_000_000);

    var second = new CompletableFuture<Long>();
    vertx.runOnContext(v -> second.complete(LoopClock.nanoTime()));
    assertThat(second.get()).isGreaterThan(r[2]);
  }

  @Test
  void offTheEventLoop_itIsTheSystemClock() {
    long before = System.nanoTime();
    long read = LoopClock.nanoTime();
    assertThat(read).isBetween(before, System.nanoTime());
  }

  @Test
  void meterClock_tellsWallTimeAndMonotonicTime() {
    long wall = System.currentTimeMillis();
    assertThat(LoopClock.METERS.wallTime()).isBetween(wall - 50, System.currentTimeMillis() + 50);
    long before = System.nanoTime();
    assertThat(LoopClock.METERS.monotonicTime()).isBetween(before, System.nanoTime());
  }
}
