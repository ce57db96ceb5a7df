package io.switchboard.gateway.internal;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * Stage 5: sends the request to the endpoint ({@code baseUrl} + the path after {@code /v1}) with the
 * endpoint's own key, never the client's, and the request id. One attempt, no hidden retry: a failure
 * before the response head is a 502 (refused, reset) or 504 (connect or first-byte timeout).
 */
final class Attempt implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    EndpointConfig ec = x.endpointConfig;
    URI base = ec.baseUrl();
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    String path = base.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(port)
        .setSsl(tls).setURI(path + x.api.upstreamPath)
        .setConnectTimeout(Math.max(1, ec.timeouts().connect().toMillis()))
        .putHeader("content-type", "application/json")
        .putHeader("accept", x.streaming ? "text/event-stream" : "application/json")
        .putHeader("x-request-id", x.requestId);
    if (ec.apiKey() != null) o.putHeader("authorization", "Bearer " + ec.apiKey().value());
    x.sentNanos = x.now();
    x.deadlines.start(ec.timeouts());
    x.client.request(o).onComplete(ar -> x.guard(() -> {
      if (ar.failed()) {
        x.fail(connectError(ec.id(), ar.cause()));
        return;
      }
      HttpClientRequest req = ar.result();
      if (x.finished()) {
        req.reset();
        return;
      }
      x.upstreamRequest = req;
      req.send(x.upstreamBody).onComplete(sent -> x.guard(() -> {
        if (x.finished()) return;
        if (sent.failed()) {
          x.fail(GatewayError.unreachable(ec.id(), String.valueOf(sent.cause().getMessage())));
          return;
        }
        x.upstreamResponse = sent.result();
        chain.proceed();
      }));
    }));
  }

  private static GatewayError connectError(String endpoint, Throwable cause) {
    if (cause instanceof ConnectTimeoutException) return GatewayError.timeout("connect", endpoint);
    return GatewayError.unreachable(endpoint, String.valueOf(cause.getMessage()));
  }
}
