package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * The upstream request of an attempt that {@link UpstreamAttempt} does not send itself (a hedge, a stream
 * continuation), built the same way: the endpoint's base URL and key (never the client's), the request id.
 */
final class UpstreamRequests {
  private UpstreamRequests() {}

  static RequestOptions options(Exchange x, EndpointConfig ec, boolean stream) {
    URI base = ec.baseUrl();
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    String path = base.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(port)
        .setSsl(tls).setURI(path + x.api.upstreamPath)
        .setConnectTimeout(Math.max(1, ec.timeouts().connect().toMillis()))
        .putHeader("content-type", "application/json")
        .putHeader("accept", stream ? "text/event-stream" : "application/json")
        .putHeader("x-request-id", x.requestId);
    if (ec.apiKey() != null) o.putHeader("authorization", "Bearer " + ec.apiKey().value());
    return o;
  }
}
