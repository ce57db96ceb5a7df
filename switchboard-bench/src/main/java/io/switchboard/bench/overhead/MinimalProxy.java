package io.switchboard.bench.overhead;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The reference point for "what Vert.x itself costs": a pass-through proxy with no awareness of anything,
 * built the way the gateway is (one server and one client per event loop, TCP_NODELAY both sides, no
 * thread hop). It reads the request body whole, sends it upstream, and answers with the upstream status,
 * content type and body: in one write when the upstream declared a length, piped chunk by chunk otherwise
 * (streams). {@code GET /readyz} answers 200 so the benchmark can wait for it.
 *
 * <p>Run as its own JVM: {@code MinimalProxy <port> <upstreamPort> <eventLoops>}.
 */
public final class MinimalProxy extends VerticleBase {
  private final int port;
  private final int upstreamPort;
  private HttpClient client;

  private MinimalProxy(int port, int upstreamPort) {
    this.port = port;
    this.upstreamPort = upstreamPort;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int upstreamPort = Integer.parseInt(args[1]);
    int loops = Integer.parseInt(args[2]);
    // The same Vert.x options as `switchboard serve`: epoll when its native library is present, no TCCL switching.
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true).setDisableTCCL(true));
    vertx.deployVerticle(() -> new MinimalProxy(port, upstreamPort), new DeploymentOptions().setInstances(loops))
        .await();
    System.out.println("vertx-minimal listening on 127.0.0.1:" + port);
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(16_384));
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setHost("127.0.0.1").setPort(port))
        .requestHandler(this::handle).listen();
  }

  private void handle(HttpServerRequest req) {
    HttpServerResponse down = req.response();
    if ("/readyz".equals(req.path())) {
      down.end();
      return;
    }
    req.body()
        .compose(body -> client.request(new RequestOptions().setMethod(req.method()).setHost("127.0.0.1")
                .setPort(upstreamPort).setURI(req.uri()).putHeader("content-type", "application/json"))
            .compose(up -> up.send(body)))
        .onSuccess(up -> relay(up, down))
        .onFailure(e -> {
          if (!down.headWritten()) down.setStatusCode(502).end();
          else down.reset();
        });
  }

  private static void relay(HttpClientResponse up, HttpServerResponse down) {
    down.setStatusCode(up.statusCode());
    String type = up.getHeader("content-type");
    if (type != null) down.putHeader("content-type", type);
    if (up.getHeader("content-length") != null) {
      up.body().onSuccess(down::end).onFailure(e -> down.reset());
    } else {
      down.setChunked(true);
      up.pipeTo(down);
    }
  }
}
