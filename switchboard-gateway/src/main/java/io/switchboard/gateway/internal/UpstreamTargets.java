package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The upstream side of one event loop: what each endpoint's requests are sent to (host, port, TLS trust and SNI
 * ({@link UpstreamTls}), the path per operation, the authorization value, derived once per endpoint config) and
 * its idle keep-alive connections.
 *
 * <p>The pool is ours rather than the HTTP client's: a request takes the most recently used idle connection
 * of its target or opens a new one, and gives it back when its response has been read to the end on a
 * connection that stays open. Nothing waits here: admission (per-endpoint {@code max_concurrent}) already
 * bounds how many requests an endpoint has, so every request has a connection at once and the only queue
 * is the visible one in front of admission. Skipping the client's pool (endpoint lookup, a combining
 * executor, leases) is also about a tenth of the gateway's CPU per request. A connection idle longer than
 * {@link #MAX_IDLE_NANOS} is closed instead of reused; one the server closes leaves the pool at once.
 *
 * <p>Confined to its event loop, so plain collections suffice; the open-connection count is shared.
 */
final class UpstreamTargets {
  private static final int MAX_TARGETS = 1024;
  static final long MAX_IDLE_NANOS = 60_000_000_000L;

  private static final class Target {
    final String host;
    final int port;
    final boolean ssl;
    final String[] uris;
    final CharSequence authorization;
    final HttpConnectOptions connect;
    final HttpClientAgent client;
    final Pool pool;

    Target(String host, int port, boolean ssl, ClientSSLOptions sslOptions, String[] uris, CharSequence authorization,
           long connectMillis, HttpClientAgent client, Pool pool) {
      this.client = client;
      this.pool = pool;
      this.host = host;
      this.port = port;
      this.ssl = ssl;
      this.uris = uris;
      this.authorization = authorization;
      this.connect = new HttpConnectOptions().setHost(host).setPort(port).setSsl(ssl).setSslOptions(sslOptions)
          .setConnectTimeout(connectMillis);
    }
  }

  /** The idle connections to one address; kept across config reloads, unlike the targets that use it. */
  private static final class Pool {
    final ArrayDeque<Idle> idle = new ArrayDeque<>();
  }

  private record Idle(HttpClientConnection connection, long sinceNanos) {}

  private final SniClients clients;
  private final LongSupplier ticker;
  private final AtomicInteger open;
  private final IdentityHashMap<EndpointConfig, Target> targets = new IdentityHashMap<>();
  private final HashMap<String, Pool> pools = new HashMap<>();

  /** {@code open}: incremented for every connection opened and decremented when it closes. */
  UpstreamTargets(SniClients clients, LongSupplier ticker, AtomicInteger open) {
    this.clients = clients;
    this.ticker = ticker;
    this.open = open;
  }

  /** Sends nothing yet: a request for {@code api} on {@code ec}, on a pooled or new connection. */
  Future<HttpClientRequest> request(EndpointConfig ec, Api api, boolean streaming, String requestId) {
    Target t = targets.get(ec);
    if (t == null) t = add(ec);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(t.host).setPort(t.port)
        .setSsl(t.ssl).setURI(t.uris[api.ordinal()])
        .putHeader(HeaderNames.CONTENT_TYPE, HeaderNames.APPLICATION_JSON)
        .putHeader(HeaderNames.ACCEPT, streaming ? HeaderNames.EVENT_STREAM : HeaderNames.APPLICATION_JSON)
        .putHeader(HeaderNames.REQUEST_ID, requestId);
    if (t.authorization != null) o.putHeader(HeaderNames.AUTHORIZATION, t.authorization);
    Pool pool = t.pool;
    HttpClientConnection pooled = takeIdle(pool);
    if (pooled != null) return pooled.request(o).onSuccess(req -> releaseAfter(pool, pooled, req));
    return t.client.connect(t.connect).compose(c -> {
      open.incrementAndGet();
      c.closeHandler(v -> closed(pool, c));
      return c.request(o).onSuccess(req -> releaseAfter(pool, c, req));
    });
  }

  private HttpClientConnection takeIdle(Pool t) {
    long now = ticker.getAsLong();
    Idle i;
    while ((i = t.idle.pollLast()) != null) {
      if (now - i.sinceNanos <= MAX_IDLE_NANOS) return i.connection;
      i.connection.close();
    }
    return null;
  }

  /** Pools the connection again once the response has been read whole, unless it is closing. */
  private void releaseAfter(Pool t, HttpClientConnection c, HttpClientRequest req) {
    req.response().onSuccess(resp -> resp.end().onSuccess(v -> {
      if (keepsAlive(resp) && c.activeStreams() == 0) t.idle.addLast(new Idle(c, ticker.getAsLong()));
    }));
  }

  private static boolean keepsAlive(HttpClientResponse resp) {
    String connection = resp.getHeader(HttpHeaders.CONNECTION);
    if (connection != null && connection.equalsIgnoreCase("close")) return false;
    return resp.version() != HttpVersion.HTTP_1_0 || (connection != null && connection.equalsIgnoreCase("keep-alive"));
  }

  private void closed(Pool t, HttpClientConnection c) {
    open.decrementAndGet();
    t.idle.removeIf(i -> i.connection == c);
  }

  private Target add(EndpointConfig ec) {
    if (targets.size() >= MAX_TARGETS) targets.clear();
    URI base = ec.baseUrl();
    boolean tls = UpstreamTls.isHttps(ec);
    int port = UpstreamTls.port(base);
    String path = base.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    Api[] apis = Api.values();
    String[] uris = new String[apis.length];
    for (Api a : apis) uris[a.ordinal()] = path + a.upstreamPath;
    CharSequence auth = ec.apiKey() == null ? null : HttpHeaders.createOptimized("Bearer " + ec.apiKey().value());
    // A connection verified against one CA bundle is not reused for a config that trusts another (a reload that
    // changed ca_file): the trust is part of the pool's address.
    String trust = ec.tls() == null || ec.tls().caPem() == null ? "" : ":ca:" + ec.tls().caPem();
    Pool pool = pools.computeIfAbsent(base.getHost() + ':' + port + (tls ? ":tls" + trust : ""), k -> new Pool());
    Target t = new Target(base.getHost(), port, tls, UpstreamTls.options(ec), uris, auth,
        Math.max(1, ec.timeouts().connect().toMillis()), clients.forHost(base.getHost()), pool);
    targets.put(ec, t);
    return t;
  }
}
