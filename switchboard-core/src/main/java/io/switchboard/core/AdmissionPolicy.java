package io.switchboard.core;

/**
 * How a group's {@link AdmissionQueue} orders and bounds its waiters, and what happens to a request whose TTFT
 * objective no endpoint is predicted to meet.
 *
 * <p><b>Order within a priority class.</b> {@link Order#FIFO}: arrival. {@link Order#SEJF}: shortest expected job
 * first, where a job's expected cost is {@link RouteRequest#expectedTokens()} (prompt plus maximum output tokens),
 * with linear aging: a waiter's key is {@code arrival + cost / aging}, i.e. its cost is turned into a handicap in
 * time at {@code agingTokensPerSecond}. This equals ordering by {@code cost - waited x aging} at any instant (the
 * current time is common to all waiters), so the order is fixed at arrival and the queue never re-sorts.
 *
 * <p><b>Starvation bound.</b> A waiter of cost {@code c} that arrived at {@code t} has key {@code t + c/a}; any
 * waiter of its class arriving after {@code t + c/a} has a larger key. So it can be overtaken only by its class's
 * arrivals within {@code c / a} seconds after it: with {@code a} = 2,000 tokens/s a 20,000-token job yields to
 * jobs arriving up to 10 s after it and no later ones; a 200-token job to those within 0.1 s. Aging 0 is pure
 * SEJF (key = cost), which can starve long jobs under sustained load; the timeout still bounds their wait.
 * Classes are strict: a higher class always goes first (the timeout bounds a lower class's wait).
 *
 * <p><b>Objectives.</b> A request with {@link RouteRequest#ttftObjectiveNanos()} that no endpoint with a free slot
 * is predicted to meet is held in the queue (until one is, or its deadline passes) when its priority is at least
 * {@code shedBelowPriority}, and shed at once otherwise. The default 0 holds the default class and above and sheds
 * the negative ("sheddable") classes.
 *
 * @param capacity            waiters at most; 0 rejects at once
 * @param order               order within a priority class
 * @param agingTokensPerSecond SEJF aging rate (>= 0); ignored for FIFO
 * @param shedBelowPriority   priorities below this are shed, not held, when their objective cannot be met
 */
public record AdmissionPolicy(int capacity, Order order, double agingTokensPerSecond, int shedBelowPriority) {
  /** Order within a priority class. */
  public enum Order { FIFO, SEJF }

  public static final double DEFAULT_AGING_TOKENS_PER_SECOND = 2_000;

  public AdmissionPolicy {
    if (capacity < 0) throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
    if (order == null) throw new IllegalArgumentException("order is required (FIFO or SEJF)");
    if (!(agingTokensPerSecond >= 0) || Double.isInfinite(agingTokensPerSecond)) {
      throw new IllegalArgumentException("agingTokensPerSecond must be a finite number >= 0, was " + agingTokensPerSecond);
    }
  }

  /** Arrival order within a class, negative classes shed. */
  public static AdmissionPolicy fifo(int capacity) {
    return new AdmissionPolicy(capacity, Order.FIFO, DEFAULT_AGING_TOKENS_PER_SECOND, 0);
  }

  /** Whether a request of {@code priority} whose objective cannot be met waits (true) or is shed (false). */
  public boolean holds(int priority) { return priority >= shedBelowPriority; }

  /** The waiter's order key within its class (smaller first), fixed at arrival. */
  long key(RouteRequest r, long nowNanos) {
    if (order == Order.FIFO) return nowNanos;
    long cost = r.expectedTokens();
    if (agingTokensPerSecond == 0) return cost;
    double handicap = cost * 1e9 / agingTokensPerSecond;
    // Saturate instead of overflowing: such a job is simply last until the clock catches up.
    return handicap >= Long.MAX_VALUE - (double) Math.max(0, nowNanos) ? Long.MAX_VALUE : nowNanos + (long) handicap;
  }
}
