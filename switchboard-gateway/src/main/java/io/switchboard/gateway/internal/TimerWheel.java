package io.switchboard.gateway.internal;

import io.vertx.core.Vertx;
import java.util.function.LongSupplier;

/**
 * Coarse deadlines for the requests of one event loop: a hashed timing wheel (Varghese and Lauck, "Hashed
 * and Hierarchical Timing Wheels", SOSP 1987, scheme 6) driven by one periodic Vert.x timer that runs only
 * while something is armed.
 *
 * <p>Why: a proxied request arms and cancels several deadlines (total, first byte, idle, stream hold); as
 * Vert.x timers each costs a task in the event loop's priority queue and a concurrent map entry, about 5%
 * of the gateway's CPU per request. Here arming and cancelling relink one reusable {@link Entry} in a slot
 * list: no allocation, no hashing. The price is resolution: a deadline fires up to one {@link #TICK_NANOS}
 * (plus the event loop's own delay) late, which is irrelevant for timeouts measured in seconds.
 *
 * <p>Slot {@code i} holds the entries whose deadline tick is {@code i} modulo the wheel size; an entry
 * further away than one turn stays in its slot and is passed over until its turn comes. Confined to its
 * event loop: every method must be called on it, and tasks run on it.
 */
final class TimerWheel {
  static final long TICK_NANOS = 4_000_000L;
  private static final int SLOTS = 256;
  private static final int MASK = SLOTS - 1;
  private static final int IDLE = -1;
  /** Due and about to run in this tick; cancelling it now still stops it. */
  private static final int FIRING = -2;

  /** One deadline, armed again and again by its owner; runs {@code task} when it expires. */
  static final class Entry {
    private final Runnable task;
    private long deadline;
    private Entry prev;
    private Entry next;
    /** The slot it is linked in; {@link #IDLE} or {@link #FIRING} when in none. */
    private int slot = IDLE;

    Entry(Runnable task) { this.task = task; }

    boolean armed() { return slot >= 0; }
  }

  /** What drives {@link #advance}: a periodic timer on the wheel's event loop, started and stopped on demand. */
  interface Ticks {
    long start(long periodMillis, Runnable advance);

    void stop(long id);
  }

  private final Ticks ticks;
  private final LongSupplier ticker;
  private final Entry[] heads = new Entry[SLOTS];
  private int size;
  /** The last tick whose slot was processed. */
  private long tick;
  private long periodic = -1;

  TimerWheel(Ticks ticks, LongSupplier ticker) {
    this.ticks = ticks;
    this.ticker = ticker;
    this.tick = ticker.getAsLong() / TICK_NANOS;
  }

  /** A wheel for the calling event loop, ticked by a Vert.x periodic timer on it. */
  static TimerWheel onEventLoop(Vertx vertx, LongSupplier ticker) {
    return new TimerWheel(new Ticks() {
      @Override
      public long start(long periodMillis, Runnable advance) {
        return vertx.setPeriodic(periodMillis, id -> advance.run());
      }

      @Override
      public void stop(long id) { vertx.cancelTimer(id); }
    }, ticker);
  }

  /** Arms {@code e} to expire {@code delayNanos} from now, replacing its previous deadline. */
  void schedule(Entry e, long delayNanos) {
    cancel(e);
    long now = ticker.getAsLong();
    if (size == 0) tick = Math.max(tick, now / TICK_NANOS - 1);
    e.deadline = now + Math.max(0, delayNanos);
    // The first tick at or after the deadline, so that an entry is due whenever its slot is processed in
    // its turn; one in a tick already processed goes to the next one, not a whole turn later.
    long due = Math.max((e.deadline + TICK_NANOS - 1) / TICK_NANOS, tick + 1);
    int s = (int) (due & MASK);
    e.slot = s;
    e.prev = null;
    e.next = heads[s];
    if (e.next != null) e.next.prev = e;
    heads[s] = e;
    if (size++ == 0 && periodic < 0) periodic = ticks.start(Math.max(1, TICK_NANOS / 1_000_000), this::advance);
  }

  /** Disarms {@code e}; nothing happens when it is not armed. */
  void cancel(Entry e) {
    if (e.slot == FIRING) e.slot = IDLE;
    if (e.slot < 0) return;
    unlink(e);
    e.slot = IDLE;
  }

  private void unlink(Entry e) {
    if (e.prev != null) e.prev.next = e.next;
    else heads[e.slot] = e.next;
    if (e.next != null) e.next.prev = e.prev;
    e.prev = e.next = null;
    size--;
  }

  int size() { return size; }

  boolean ticking() { return periodic >= 0; }

  /** Runs every entry that is due, slot by slot from the last processed tick to now. */
  void advance() {
    long now = ticker.getAsLong();
    long target = now / TICK_NANOS;
    // After a long stall every slot is visited once, not once per missed tick.
    long from = Math.max(tick + 1, target - MASK);
    for (long t = from; t <= target && size > 0; t++) {
      expire((int) (t & MASK), now);
    }
    tick = Math.max(tick, target);
    if (size == 0 && periodic >= 0) {
      ticks.stop(periodic);
      periodic = -1;
    }
  }

  private void expire(int s, long now) {
    Entry due = null;
    for (Entry e = heads[s]; e != null; ) {
      Entry next = e.next;
      if (e.deadline <= now) {
        unlink(e);
        e.slot = FIRING;
        e.next = due;
        due = e;
      }
      e = next;
    }
    // Unlinked before running: a task may re-arm its own entry, or cancel one due in the same tick.
    while (due != null) {
      Entry e = due;
      due = e.next;
      e.next = null;
      if (e.slot != FIRING) continue;
      e.slot = IDLE;
      e.task.run();
    }
  }
}
