package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.IdentityHashMap;

/**
 * What an endpoint's requests are sent to (host, port, TLS, the path per operation, the authorization
 * value), derived once per endpoint config instead of on every attempt. One per event loop, so a plain
 * identity map suffices; it forgets everything when it has seen many configs (reloads make new ones).
 */
final class UpstreamTargets {
  private static final int MAX_ENTRIES = 1024;

  private record Target(String host, int port, boolean ssl, String[] uris, CharSequence authorization,
                        long connectTimeoutMillis) {}

  private final IdentityHashMap<EndpointConfig, Target> targets = new IdentityHashMap<>();

  /** A fresh request for {@code api} on {@code ec}, with the headers every attempt carries. */
  RequestOptions request(EndpointConfig ec, Api api, boolean streaming, String requestId) {
    Target t = targets.get(ec);
    if (t == null) t = add(ec);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(t.host).setPort(t.port)
        .setSsl(t.ssl).setURI(t.uris[api.ordinal()]).setConnectTimeout(t.connectTimeoutMillis)
        .putHeader(HeaderNames.CONTENT_TYPE, HeaderNames.APPLICATION_JSON)
        .putHeader(HeaderNames.ACCEPT, streaming ? HeaderNames.EVENT_STREAM : HeaderNames.APPLICATION_JSON)
        .putHeader(HeaderNames.REQUEST_ID, requestId);
    if (t.authorization != null) o.putHeader(HeaderNames.AUTHORIZATION, t.authorization);
    return o;
  }

  private Target add(EndpointConfig ec) {
    if (targets.size() >= MAX_ENTRIES) targets.clear();
    URI base = ec.baseUrl();
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    String path = base.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    Api[] apis = Api.values();
    String[] uris = new String[apis.length];
    for (Api a : apis) uris[a.ordinal()] = path + a.upstreamPath;
    CharSequence auth = ec.apiKey() == null ? null : HttpHeaders.createOptimized("Bearer " + ec.apiKey().value());
    Target t = new Target(base.getHost(), port, tls, uris, auth, Math.max(1, ec.timeouts().connect().toMillis()));
    targets.put(ec, t);
    return t;
  }
}
