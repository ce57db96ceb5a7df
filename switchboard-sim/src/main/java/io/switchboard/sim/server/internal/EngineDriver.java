package io.switchboard.sim.server.internal;

import io.switchboard.sim.Engine;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.SimRequest;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link Engine} in real time on its server's event loop, which is the only thread that touches
 * it (so no lock is needed). Every action first advances the engine to now; a {@link DeadlineClock} is kept
 * armed at {@link Engine#nextEventNanos()} and, when it is due, the engine is advanced on the loop and the clock
 * re-armed. The clock wakes at the engine's deadline to within the OS timer's precision; a Vert.x timer, whose
 * delay the NIO selector rounds to the nearest millisecond, could deliver a token up to half a millisecond late.
 *
 * <p>A request is submitted at the time it arrived at the server, not at the (later) time its body was read
 * and parsed: the engine's API overhead already stands for receiving and tokenising the request, as in the
 * virtual-time replay, where a request reaches the engine the instant it is sent. Charging the server's real
 * read and parse time on top would count that work twice.
 *
 * <p>Listeners run inside {@link Engine#advanceTo} and may ask to cancel a request (a cut stream); since an
 * engine is not re-entrant, such calls are queued and run right after the engine returns.
 */
public final class EngineDriver {
  private static final Logger log = LoggerFactory.getLogger(EngineDriver.class);

  private final Engine engine;
  private final LongSupplier clock;
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
  private boolean inEngine;
  private final DeadlineClock deadlines;
  private long armedFor = Long.MAX_VALUE;
  private boolean closed;

  /**
   * @param context the server's event loop, where the engine runs
   * @param clock   engine time in nanoseconds (monotonic, advancing with real time); the engine sees only this clock
   */
  public EngineDriver(Context context, Engine engine, LongSupplier clock) {
    this.engine = engine;
    this.clock = clock;
    this.deadlines = new DeadlineClock(() -> context.runOnContext(v -> due()));
  }

  public long now() {
    return clock.getAsLong();
  }

  /**
   * Submits a request as of {@code arrivedNanos} (on {@link #now()}'s clock, at most now): an idle engine starts
   * its step then, a busy one takes it into the first step that starts at or after then. An arrival before the
   * engine's clock (the engine already moved on, e.g. a timer fired while the body was being read) counts as the
   * engine's now, so time never runs backwards.
   */
  public void submit(SimRequest request, long arrivedNanos) {
    long at = Math.min(arrivedNanos, now());
    run(at, () -> engine.submit(request, at));
  }

  /** Cancels a request if the engine still has it; safe to call from a listener. */
  public void cancel(long requestId) {
    run(now(), () -> engine.cancel(requestId, now()));
  }

  public EngineStats stats() {
    if (!inEngine) run(now(), () -> {});
    return engine.stats();
  }

  /** The engine's KV cache size in tokens; 0 when it models none. */
  public long kvCapacityTokens() { return engine.kvCapacityTokens(); }

  /** Stops the clock; the engine is left as it is. */
  public void close() {
    closed = true;
    deadlines.close();
  }

  /** Advances the engine to {@code at}, runs {@code action} there, then advances to now. */
  private void run(long at, Runnable action) {
    if (closed) return;
    if (inEngine) {
      deferred.add(action);
      return;
    }
    inEngine = true;
    try {
      engine.advanceTo(at);
      action.run();
      engine.advanceTo(now());
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
    armedFor = next;
    long left = next - now();
    // On the system clock: the same instant as long as the engine clock runs with real time.
    deadlines.arm(next == Long.MAX_VALUE || left > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : System.nanoTime() + left);
  }

  /** The clock said the armed deadline passed (or an earlier one: then this only advances the engine to now). */
  private void due() {
    armedFor = Long.MAX_VALUE;
    run(now(), () -> {});
  }
}
