package io.switchboard.sim.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.FixedSpeedEngine;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver on a hand-set clock. The engine's first token is an hour out, so the driver's real timer never
 * fires during a test and every engine call comes from the test thread.
 */
class EngineDriverTest {
  private static final long MS = 1_000_000L;
  private static final Duration TTFT = Duration.ofHours(1);

  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong clock = new AtomicLong();
  private final List<Long> firstTokenAt = new ArrayList<>();
  private final TokenListener listener = new TokenListener() {
    @Override
    public void onTokens(long id, int count, long atNanos) { firstTokenAt.add(atNanos); }

    @Override
    public void onFinished(long id, Completion c, long atNanos) { }
  };
  private final EngineDriver driver = new EngineDriver(vertx.getOrCreateContext(), new FixedSpeedEngine(TTFT, Duration.ofMillis(1)), clock::get);

  @AfterEach
  void close() throws Exception {
    driver.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void submit_bodyReadAfterArrival_engineStartsAtArrival() {
    clock.set(5 * MS); // the body took 3 ms to read and parse after the request arrived at 2 ms
    driver.submit(new SimRequest(1, new int[] {1, 2, 3}, 1, listener), 2 * MS);

    clock.set(2 * TTFT.toNanos());
    driver.stats();

    assertThat(firstTokenAt).containsExactly(2 * MS + TTFT.toNanos());
  }

  @Test
  void submit_arrivalInTheFuture_countsAsNow() {
    clock.set(5 * MS);
    driver.submit(new SimRequest(1, new int[] {1, 2, 3}, 1, listener), 9 * MS);

    clock.set(2 * TTFT.toNanos());
    driver.stats();

    assertThat(firstTokenAt).containsExactly(5 * MS + TTFT.toNanos());
  }
}
