package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;

/**
 * The side requests a checker sends to an endpoint (health checks, engine-metric scrapes): {@code GET path} on the
 * endpoint's host with its API key, its TLS trust and SNI ({@link UpstreamTls}, {@link SniClients}), on clients
 * of the checker's own (never a request's connection).
 */
final class EndpointProbes {
  private final SniClients clients;
  private final UpstreamTls.Cache tls = new UpstreamTls.Cache();

  EndpointProbes(Vertx vertx) {
    this.clients = new SniClients(vertx, new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true));
  }

  /** A probe's answer, its body read whole. */
  record Reply(int status, Buffer body) {}

  /** {@code GET path}; {@code timeout} bounds the connect and the whole exchange. */
  Future<Reply> get(EndpointConfig ec, String path, Duration timeout) {
    URI base = ec.baseUrl();
    long millis = Math.max(1, timeout.toMillis());
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
        .setPort(UpstreamTls.port(base)).setSsl(UpstreamTls.isHttps(ec)).setSslOptions(tls.options(ec))
        .setURI(path).setTimeout(millis).setConnectTimeout(millis);
    if (ec.apiKey() != null) o.putHeader("authorization", "Bearer " + ec.apiKey().value());
    return clients.forHost(base.getHost()).request(o).compose(req -> req.send())
        .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b)));
  }

  Future<Void> close() { return clients.close(); }
}
