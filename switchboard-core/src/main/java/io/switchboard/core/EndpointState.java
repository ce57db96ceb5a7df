package io.switchboard.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live routing state of one endpoint: what the router itself has dispatched to it and not yet seen
 * finish, plus the latest engine metrics it scraped. One instance per endpoint id lives across config
 * reloads, so requests in flight are still counted after a reload changes the endpoint's limits.
 *
 * <p>Thread-safe: counters are atomics and the limits and engine view are immutable values behind
 * volatile fields, so routing threads read a consistent picture without locks.
 */
public final class EndpointState {
  private final String id;
  private volatile EndpointLimits limits;
  private volatile EngineSnapshot engine = EngineSnapshot.UNKNOWN;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong tokensInFlight = new AtomicLong();
  private final AtomicLong dispatched = new AtomicLong();

  public EndpointState(String id, EndpointLimits limits) {
    this.id = Objects.requireNonNull(id, "id");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public String id() { return id; }

  public EndpointLimits limits() { return limits; }

  /** Applies new limits from a reloaded config; in-flight requests keep counting against the endpoint. */
  public void updateLimits(EndpointLimits newLimits) { this.limits = Objects.requireNonNull(newLimits); }

  public int outstanding() { return outstanding.get(); }

  public long tokensInFlight() { return tokensInFlight.get(); }

  /** Requests ever dispatched here; with {@link #outstanding()} it tells what happened since a scrape. */
  public long dispatched() { return dispatched.get(); }

  public boolean hasCapacity() { return outstanding.get() < limits.maxConcurrent(); }

  /**
   * Takes one concurrency slot if the endpoint is below its limit. Returns false when it is full, in which
   * case nothing changed.
   */
  public boolean tryAcquire(long expectedTokens) {
    int max = limits.maxConcurrent();
    for (;;) {
      int cur = outstanding.get();
      if (cur >= max) return false;
      if (outstanding.compareAndSet(cur, cur + 1)) {
        tokensInFlight.addAndGet(expectedTokens);
        dispatched.incrementAndGet();
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryAcquire}, with the tokens it still held. */
  public void release(long remainingTokens) {
    outstanding.decrementAndGet();
    tokensInFlight.addAndGet(-remainingTokens);
  }

  /** Tokens of a request that were served (prefilled or decoded) and so no longer weigh on the endpoint. */
  public void tokensServed(long tokens) { tokensInFlight.addAndGet(-tokens); }

  public EngineSnapshot engine() { return engine; }

  public void updateEngine(EngineSnapshot snapshot) { this.engine = Objects.requireNonNull(snapshot); }

  @Override
  public String toString() {
    return "EndpointState{" + id + ", outstanding=" + outstanding.get() + "/" + limits.maxConcurrent() + '}';
  }
}
