package io.switchboard.gateway;

import java.util.function.LongSupplier;

/**
 * How the gateway listens. These are fixed for the life of a {@link Gateway}: unlike the routing table,
 * a listening address cannot change on reload.
 *
 * @param host       listening address
 * @param port       listening port; 0 picks a free one ({@link Gateway#port()} tells which)
 * @param instances  server verticles, one per event loop, sharing the port
 * @param ticker     the clock (nanoseconds) behind durations in metrics and the access log, and behind every
 *                   deadline; with {@link #SYSTEM_TICKER}, deadlines and guards read the cheaper
 *                   {@code LoopClock} instead
 */
public record GatewayOptions(String host, int port, int instances, LongSupplier ticker) {
  public static final int DEFAULT_INSTANCES = 2;
  /** The system clock, {@code System.nanoTime()}. */
  public static final LongSupplier SYSTEM_TICKER = System::nanoTime;

  public GatewayOptions {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("host must be set");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
    if (instances < 1) throw new IllegalArgumentException("instances must be >= 1, was " + instances);
    if (ticker == null) throw new IllegalArgumentException("ticker must be set");
  }

  /** Listens on {@code host:port} with {@value #DEFAULT_INSTANCES} event loops and the system clock. */
  public static GatewayOptions of(String host, int port) {
    return new GatewayOptions(host, port, DEFAULT_INSTANCES, SYSTEM_TICKER);
  }

  /** Listens where a config's {@code server} section says. */
  public static GatewayOptions from(io.switchboard.gateway.config.ServerConfig server) {
    return of(server.host(), server.port());
  }

  public GatewayOptions withInstances(int n) { return new GatewayOptions(host, port, n, ticker); }
}
