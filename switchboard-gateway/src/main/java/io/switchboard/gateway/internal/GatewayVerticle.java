package io.switchboard.gateway.internal;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.SplittableRandom;

/**
 * One HTTP server and one upstream client on one event loop. Several instances share the listening port;
 * each request is handled start to end on the event loop that accepted it, with upstream connections
 * from that loop's own pool ({@link UpstreamTargets}; the client only opens them), so the data path never
 * hops threads.
 */
public final class GatewayVerticle extends VerticleBase {
  private final Shared shared;
  private final String host;
  private final int port;
  private volatile int actualPort = -1;
  private HttpServer server;
  private SniClients clients;

  public GatewayVerticle(Shared shared, String host, int port) {
    this.shared = shared;
    this.host = host;
    this.port = port;
  }

  public int actualPort() { return actualPort; }

  @Override
  public Future<?> start() {
    // Used only to open connections (connect()); their own pools are never used, so they queue nothing. SNI is
    // forced for host names, so https upstreams get theirs even without a dot in it (see SniClients).
    clients = new SniClients(vertx,
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setPipelining(false)
            .setDecompressionSupported(false).setMaxInitialLineLength(8192));
    // Request ids need speed, not unpredictability: one generator per event loop, never shared.
    var routes = new Dispatcher(shared, clients, new RequestIds(new SplittableRandom()),
        TimerWheel.onEventLoop(vertx, shared.coarseTicker));
    // Strict thread mode: responses are written straight to the channel, without Vert.x's outbound message
    // queue, which is safe because every exchange is confined to the event loop that accepted it.
    server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(false)
            .setStrictThreadMode(true).setHost(host).setPort(port))
        .requestHandler(routes::handle);
    return server.listen().onSuccess(s -> actualPort = s.actualPort());
  }

  @Override
  public Future<?> stop() {
    return server.close().compose(v -> clients.close());
  }
}
