/** The event loop, per-request bookkeeping and metric accumulation behind {@link io.switchboard.bench.replay.Replay}. */
package io.switchboard.bench.replay.internal;
