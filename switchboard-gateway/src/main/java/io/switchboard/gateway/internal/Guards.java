package io.switchboard.gateway.internal;

import io.switchboard.core.resilience.CircuitBreaker;
import io.switchboard.core.resilience.CooldownPolicy;
import io.switchboard.core.resilience.EndpointCooldown;
import io.switchboard.core.resilience.EndpointGuard;
import io.switchboard.core.resilience.FailureTolerance;
import io.switchboard.core.resilience.LearnedLimitsTracker;
import io.switchboard.core.resilience.Readmission;
import io.switchboard.core.resilience.RetryBudget;
import io.switchboard.core.resilience.SlowStart;
import io.switchboard.core.resilience.UsageLimits;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GroupConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One {@link EndpointGuard} per endpoint id and one {@link RetryBudget} per group, kept for the life of the
 * gateway so breaker state, cooldowns and budgets survive config reloads (as the routing registry keeps
 * each endpoint's in-flight counts). A guard is rebuilt only when the endpoint's failure tolerance, limits
 * or slow start changed; its cooldown deadline carries over.
 *
 * <p>Lookups compare the config record by identity first, so the hot path is one map read.
 */
final class Guards {
  /** What a guard is built from; a reload that changes it builds a new guard. */
  private record Spec(FailureTolerance tolerance, long rpm, long tpm, Duration slowStart) {
    static Spec of(EndpointConfig e) {
      return new Spec(e.failureTolerance().toCore(), e.limits().rpm(), e.limits().tpm(), e.slowStart());
    }
  }

  /** An endpoint's guard with the config it was last checked against, and its active health. */
  static final class Entry {
    final String id;
    final EndpointGuard guard;
    final Spec spec;
    volatile EndpointConfig config;
    /** False while active health checks say the endpoint is down. */
    volatile boolean healthy = true;
    volatile int consecutive;

    private Entry(String id, EndpointGuard guard, Spec spec, EndpointConfig config) {
      this.id = id;
      this.guard = guard;
      this.spec = spec;
      this.config = config;
    }
  }

  /** {@code group}: the config it was last checked against, so that an unchanged group costs no comparison. */
  private record Budget(GroupConfig group, RetryBudget.Config config, RetryBudget budget) {}

  private final LongSupplier ticker;
  private final LongSupplier epochMillis;
  private final Map<String, Entry> endpoints = new ConcurrentHashMap<>();
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  private final Map<String, Budget> hedgeBudgets = new ConcurrentHashMap<>();

  Guards(LongSupplier ticker, LongSupplier epochMillis) {
    this.ticker = ticker;
    this.epochMillis = epochMillis;
  }

  Entry entry(EndpointConfig config) {
    Entry e = endpoints.get(config.id());
    if (e != null && e.config == config) return e;
    return refresh(config, e);
  }

  EndpointGuard guard(EndpointConfig config) { return entry(config).guard; }

  /** Entries known so far, by id (for the admin view and health checks). */
  Map<String, Entry> all() { return Map.copyOf(endpoints); }

  RetryBudget budget(GroupConfig group) { return budget(budgets, group, () -> group.retry().toBudget()); }

  /**
   * The group's hedge allowance: hedges at most {@code hedge.max_share} of its requests over 10 s, with no
   * minimum (unlike retries, a hedge is never needed to answer).
   */
  RetryBudget hedgeBudget(GroupConfig group) {
    return budget(hedgeBudgets, group,
        () -> new RetryBudget.Config(group.hedge().maxShare(), 0, RetryBudget.Config.DEFAULTS.window()));
  }

  /** The group's budget in {@code map}, kept across reloads while its config is unchanged. */
  private RetryBudget budget(Map<String, Budget> map, GroupConfig group, Supplier<RetryBudget.Config> config) {
    Budget b = map.get(group.model());
    if (b != null && b.group == group) return b.budget;
    RetryBudget.Config want = config.get();
    if (b != null && b.config.equals(want)) {
      map.put(group.model(), new Budget(group, want, b.budget));
      return b.budget;
    }
    Budget fresh = new Budget(group, want, new RetryBudget(want, ticker));
    map.put(group.model(), fresh);
    return fresh.budget;
  }

  private Entry refresh(EndpointConfig config, Entry old) {
    Spec spec = Spec.of(config);
    if (old != null && old.spec.equals(spec)) {
      old.config = config;
      return old;
    }
    Entry fresh = new Entry(config.id(), build(config.id(), spec, old), spec, config);
    if (old != null) fresh.healthy = old.healthy;
    // Two threads may race to rebuild; either result is a fresh guard for the same spec.
    endpoints.put(config.id(), fresh);
    return fresh;
  }

  private EndpointGuard build(String id, Spec spec, Entry old) {
    SlowStart slow = spec.slowStart.isZero() ? SlowStart.DISABLED
        : new SlowStart(spec.slowStart, SlowStart.DEFAULTS.aggression(), SlowStart.DEFAULTS.minWeight());
    Readmission readmission = new Readmission(slow, ticker);
    CircuitBreaker breaker = new CircuitBreaker(id, spec.tolerance, ticker, List.of(readmission));
    EndpointCooldown cooldown = new EndpointCooldown(CooldownPolicy.DEFAULTS, ticker, epochMillis);
    if (old != null) cooldown.coolDownFor(old.guard.cooldown().remainingNanos());
    return new EndpointGuard(breaker, cooldown, new LearnedLimitsTracker(ticker, epochMillis),
        UsageLimits.of(spec.rpm, spec.tpm, ticker), readmission);
  }
}
