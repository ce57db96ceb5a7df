package io.switchboard.core.resilience;

import io.switchboard.core.resilience.internal.SlidingCounts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Caps one group's retries at a share of its requests over a sliding window, so an outage cannot turn into
 * a retry storm that multiplies the load on the endpoints still standing (Finagle's {@code RetryBudget};
 * Envoy's retry budgets make the same point with concurrency).
 *
 * <p>Example with the defaults (20 %, a minimum of 10 retries per second, a 10 s window): a group taking
 * 1,000 requests in the last 10 s may retry at most 0.2 * 1,000 + 10 * 10 = 300 times in that window, however
 * many attempts fail; a group that has been idle may still retry 100 times, so low-traffic groups are not
 * starved.
 *
 * <p>The two counts live in one immutable value swapped by compare-and-set, so "check the allowance and
 * take a retry" is one atomic step and concurrent retries never overshoot.
 */
public final class RetryBudget {
  /**
   * @param ratio               retries allowed per request in the window, in [0, 1]
   * @param minRetriesPerSecond retries allowed regardless of traffic, per second of the window
   * @param window              how far back requests and retries are counted
   */
  public record Config(double ratio, int minRetriesPerSecond, Duration window) {
    public static final Config DEFAULTS = new Config(0.2, 10, Duration.ofSeconds(10));

    public Config {
      Objects.requireNonNull(window, "window");
      if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("retry budget ratio must be in [0, 1], was " + ratio);
      if (minRetriesPerSecond < 0) {
        throw new IllegalArgumentException("min retries per second must be >= 0, was " + minRetriesPerSecond);
      }
      if (window.toMillis() < 1000) throw new IllegalArgumentException("retry budget window must be >= 1s, was " + window);
    }
  }

  private record Counts(SlidingCounts requests, SlidingCounts retries) {}

  private static final int BUCKETS = 10;
  private final Config config;
  private final LongSupplier ticker;
  private final double reserve;
  private final AtomicReference<Counts> ref;

  public RetryBudget(Config config, LongSupplier ticker) {
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.reserve = config.minRetriesPerSecond() * (config.window().toNanos() / 1e9);
    long w = config.window().toNanos();
    this.ref = new AtomicReference<>(new Counts(SlidingCounts.empty(w, BUCKETS), SlidingCounts.empty(w, BUCKETS)));
  }

  public Config config() { return config; }

  /** Counts a request the group received (its first attempt, not a retry). */
  public void onRequest() {
    long now = ticker.getAsLong();
    for (;;) {
      Counts cur = ref.get();
      if (ref.compareAndSet(cur, new Counts(cur.requests().add(now, 1), cur.retries()))) return;
    }
  }

  /** Takes one retry from the budget; false (and nothing taken) when the group has retried its share. */
  public boolean tryAcquireRetry() {
    long now = ticker.getAsLong();
    for (;;) {
      Counts cur = ref.get();
      if (cur.retries().sum(now) + 1 > allowance(cur, now)) return false;
      if (ref.compareAndSet(cur, new Counts(cur.requests(), cur.retries().add(now, 1)))) return true;
    }
  }

  /** Retries the group may still make in the current window. */
  public long available() {
    long now = ticker.getAsLong();
    Counts c = ref.get();
    return Math.max(0, (long) Math.floor(allowance(c, now)) - c.retries().sum(now));
  }

  private double allowance(Counts c, long now) { return reserve + config.ratio() * c.requests().sum(now); }
}
