/**
 * Resilience building blocks for the routing core: per-endpoint circuit breakers, rate limiters, cooldowns
 * and learned provider limits, the retry policy with its per-group budget, and slow start after
 * readmission. Pure Java with no I/O and no threads: time is an injected {@code LongSupplier} ticker of
 * nanoseconds and randomness an injected {@link java.util.random.RandomGenerator}, so the live gateway and
 * the virtual-time replay run the very same code.
 *
 * <p>Shared state follows one rule: an immutable value (or one primitive) in an atomic, replaced by one
 * compare-and-set of a value computed by a pure function; listeners run only after the swap.
 *
 * <p>{@link io.switchboard.core.resilience.EndpointGuard} bundles the per-endpoint pieces behind three
 * calls ({@code availability}, {@code tryAdmit}, {@code onOutcome}). Spelled out, per attempt the data plane
 * uses them in this order: filter candidates by
 * {@link io.switchboard.core.resilience.CircuitBreaker#isCallPermitted()},
 * {@link io.switchboard.core.resilience.EndpointCooldown#isCoolingDown()} and
 * {@link io.switchboard.core.resilience.LearnedLimitsTracker#shouldSteerAway(long)}; weight them by
 * {@link io.switchboard.core.resilience.SlowStart}; on the chosen endpoint take
 * {@link io.switchboard.core.resilience.UsageLimits#tryAcquire(long)} then
 * {@link io.switchboard.core.resilience.CircuitBreaker#tryAcquirePermission()}; after the attempt report its
 * {@link io.switchboard.core.resilience.AttemptOutcome} to the breaker, the headers to the cooldown and the
 * learned limits, the usage to the limiter, and ask the
 * {@link io.switchboard.core.resilience.RetryPolicy} and the group's
 * {@link io.switchboard.core.resilience.RetryBudget} what to do next.
 */
package io.switchboard.core.resilience;
