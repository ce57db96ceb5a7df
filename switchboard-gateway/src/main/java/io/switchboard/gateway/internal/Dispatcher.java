package io.switchboard.gateway.internal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sends each request to its handler by exact path: the three proxied operations go through the
 * {@link RequestChain}; the rest are answered in place. A known path with the wrong method gets 405 with
 * {@code Allow}; anything else 404. A switch on the path string, no pattern matching per request.
 */
final class Dispatcher {
  private final Shared shared;
  private final RequestIds ids;
  /** This event loop's request deadlines. */
  private final TimerWheel wheel;
  private final UpstreamTargets targets;
  private final InfoEndpoints info;
  private final AdminEndpoints admin;
  /** Per event loop, never shared: failover jitter and slow-start thinning. */
  private final java.util.SplittableRandom random = new java.util.SplittableRandom();

  Dispatcher(Shared shared, SniClients clients, RequestIds ids, TimerWheel wheel) {
    this.wheel = wheel;
    this.targets = new UpstreamTargets(clients, shared.coarseTicker, shared.upstreamConnections);
    this.shared = shared;
    this.ids = ids;
    this.info = new InfoEndpoints(shared);
    this.admin = new AdminEndpoints(shared);
  }

  void handle(HttpServerRequest req) {
    String path = req.path();
    HttpMethod m = req.method();
    switch (path) {
      case "/v1/chat/completions" -> proxy(req, m, Api.CHAT);
      case "/v1/completions" -> proxy(req, m, Api.COMPLETIONS);
      case "/v1/embeddings" -> proxy(req, m, Api.EMBEDDINGS);
      case "/v1/models" -> { if (get(req, m)) info.models(req, requestId(req)); }
      case "/healthz" -> { if (get(req, m)) info.health(req); }
      case "/readyz" -> { if (get(req, m)) info.ready(req); }
      case "/metrics" -> { if (get(req, m)) info.metrics(req); }
      case "/admin/endpoints" -> { if (get(req, m)) admin.endpoints(req, requestId(req)); }
      default -> ErrorReplies.send(req.response(), GatewayError.notFound(path), requestId(req));
    }
  }

  private void proxy(HttpServerRequest req, HttpMethod m, Api api) {
    if (m != HttpMethod.POST) {
      req.response().putHeader("allow", "POST");
      ErrorReplies.send(req.response(), GatewayError.methodNotAllowed(m.name(), req.path()), requestId(req));
      return;
    }
    String given = clientRequestId(req);
    RequestChain.start(new Exchange(shared, wheel, targets, req, api, given != null ? given : ids.next(), random));
  }

  private boolean get(HttpServerRequest req, HttpMethod m) {
    if (m == HttpMethod.GET || m == HttpMethod.HEAD) return true;
    req.response().putHeader("allow", "GET");
    ErrorReplies.send(req.response(), GatewayError.methodNotAllowed(m.name(), req.path()), requestId(req));
    return false;
  }

  /** The client's {@code x-request-id}, or a fresh one. */
  private String requestId(HttpServerRequest req) {
    String id = clientRequestId(req);
    return id != null ? id : ids.next().toString();
  }

  /** The client's {@code x-request-id} when it sent a usable one, else null. */
  private static String clientRequestId(HttpServerRequest req) {
    String id = req.getHeader(HeaderNames.REQUEST_ID);
    return id != null && !id.isEmpty() && id.length() <= 200 ? id : null;
  }
}
