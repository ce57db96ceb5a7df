package io.switchboard.bench.live;

import java.time.Duration;
import java.util.Objects;

/**
 * How live runs are bounded.
 *
 * @param timeout        hard limit on one run's wall time, arrivals included; when it passes, requests still in
 *                       flight are reset and requests not yet sent are dropped, and both count as errors
 * @param maxConnections client connections to the gateway at most; size it above the peak number of requests
 *                       in flight, or requests wait in the client's pool and their TTFT includes that wait
 * @param eventLoops     Vert.x event loops shared by the client, the gateway and the servers; 0 = as many as
 *                       cores. More loops than cores only add thread wake-ups to every hop of a token's path
 *                       (server, gateway, client), and on a busy machine each wake-up can wait milliseconds for
 *                       a core; on one loop a token crosses all three in one run of the thread
 */
public record LiveOptions(Duration timeout, int maxConnections, int eventLoops) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;

  public LiveOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
    if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
    if (eventLoops < 0) throw new IllegalArgumentException("eventLoops must be >= 0, was " + eventLoops);
  }

  /** A 10-minute limit per run, 4,096 connections, one event loop per core. */
  public static LiveOptions defaults() { return new LiveOptions(DEFAULT_TIMEOUT, DEFAULT_MAX_CONNECTIONS, 0); }

  public LiveOptions withTimeout(Duration t) { return new LiveOptions(t, maxConnections, eventLoops); }

  public LiveOptions withEventLoops(int n) { return new LiveOptions(timeout, maxConnections, n); }

  /** The event loops to start: {@link #eventLoops()}, or the core count when that is 0. */
  public int effectiveEventLoops() { return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors(); }
}
