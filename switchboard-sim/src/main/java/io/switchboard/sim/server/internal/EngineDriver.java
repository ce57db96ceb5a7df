package io.switchboard.sim.server.internal;

import io.switchboard.sim.Engine;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.SimRequest;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link Engine} in real time on its server's event loop, which is the only thread that touches
 * it (so no lock is needed). Every action first advances the engine to now; one timer is kept armed at
 * {@link Engine#nextEventNanos()} and, when it fires, advances the engine and re-arms.
 *
 * <p>Listeners run inside {@link Engine#advanceTo} and may ask to cancel a request (a cut stream); since an
 * engine is not re-entrant, such calls are queued and run right after the engine returns.
 */
public final class EngineDriver {
  private static final Logger log = LoggerFactory.getLogger(EngineDriver.class);

  private final Vertx vertx;
  private final Engine engine;
  private final LongSupplier clock;
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
  private boolean inEngine;
  private Timer timer;
  private long armedFor = Long.MAX_VALUE;
  private boolean closed;

  /** @param clock engine time in nanoseconds (monotonic); the engine sees only this clock */
  public EngineDriver(Vertx vertx, Engine engine, LongSupplier clock) {
    this.vertx = vertx;
    this.engine = engine;
    this.clock = clock;
  }

  public long now() {
    return clock.getAsLong();
  }

  public void submit(SimRequest request) {
    run(() -> engine.submit(request, now()));
  }

  /** Cancels a request if the engine still has it; safe to call from a listener. */
  public void cancel(long requestId) {
    run(() -> engine.cancel(requestId, now()));
  }

  public EngineStats stats() {
    if (!inEngine) run(() -> {});
    return engine.stats();
  }

  /** Stops the timer; the engine is left as it is. */
  public void close() {
    closed = true;
    if (timer != null) timer.cancel();
  }

  private void run(Runnable action) {
    if (closed) return;
    if (inEngine) {
      deferred.add(action);
      return;
    }
    inEngine = true;
    try {
      engine.advanceTo(now());
      action.run();
      while (!deferred.isEmpty()) deferred.poll().run();
    } catch (RuntimeException e) {
      log.error("engine failed; its requests may never finish", e);
    } finally {
      inEngine = false;
    }
    rearm();
  }

  private void rearm() {
    long next = engine.nextEventNanos();
    if (next == armedFor) return;
    if (timer != null) timer.cancel();
    timer = null;
    armedFor = next;
    if (next == Long.MAX_VALUE) return;
    long delay = Math.max(1, next - now());
    Timer t = vertx.timer(delay, TimeUnit.NANOSECONDS);
    timer = t;
    t.onSuccess(v -> {
      if (timer != t) return;
      timer = null;
      armedFor = Long.MAX_VALUE;
      run(() -> {});
    });
  }
}
