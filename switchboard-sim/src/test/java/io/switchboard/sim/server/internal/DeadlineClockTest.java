package io.switchboard.sim.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clock thread calls back once per armed deadline, never before it, and not for a replaced or disarmed one. */
class DeadlineClockTest {
  private final CopyOnWriteArrayList<Long> firedAt = new CopyOnWriteArrayList<>();
  private final DeadlineClock clock = new DeadlineClock(() -> firedAt.add(System.nanoTime()));

  @AfterEach
  void close() {
    clock.close();
  }

  @Test
  void arm_deadlinePasses_firesOnceNotBefore() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    clock.arm(deadline);

    await().atMost(Duration.ofSeconds(5)).until(() -> !firedAt.isEmpty());
    await().during(Duration.ofMillis(100)).until(() -> firedAt.size() == 1);
    assertThat(firedAt.getFirst()).isGreaterThanOrEqualTo(deadline);
  }

  @Test
  void arm_deadlineAlreadyPast_firesAtOnce() {
    clock.arm(System.nanoTime() - 1);

    await().atMost(Duration.ofSeconds(5)).until(() -> firedAt.size() == 1);
  }

  @Test
  void arm_laterArmReplacesEarlier_firesOnlyForTheLater() {
    long far = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
    long near = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    clock.arm(far);
    clock.arm(near);

    await().atMost(Duration.ofSeconds(5)).until(() -> firedAt.size() == 1);
    assertThat(firedAt.getFirst()).isGreaterThanOrEqualTo(near);
  }

  @Test
  void arm_maxValue_disarms() {
    clock.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
    clock.arm(Long.MAX_VALUE);

    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(firedAt::isEmpty);
  }

  @Test
  void close_pendingDeadline_neverFires() {
    clock.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
    clock.close();

    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(firedAt::isEmpty);
  }
}
