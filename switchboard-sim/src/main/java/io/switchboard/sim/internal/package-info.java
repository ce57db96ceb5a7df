/**
 * The engine model's implementation: KV block pool with prefix caching, the chunked-prefill scheduler and
 * the event loop behind {@link io.switchboard.sim.Engine}. Not API; create engines with
 * {@link io.switchboard.sim.Engines}.
 */
package io.switchboard.sim.internal;
