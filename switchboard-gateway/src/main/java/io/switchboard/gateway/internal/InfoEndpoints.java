package io.switchboard.gateway.internal;

import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.http.HttpServerRequest;

/**
 * The endpoints the gateway answers itself: {@code GET /v1/models} (exact model names of the current
 * table, OpenAI list shape, behind the same key check as the proxied calls), {@code /healthz} (the process
 * serves), {@code /readyz} (a routing table is loaded) and {@code /metrics} (Prometheus text, rendered on
 * a worker thread because a scrape of many histograms is not event-loop work).
 */
final class InfoEndpoints {
  private final Shared shared;

  InfoEndpoints(Shared shared) { this.shared = shared; }

  void models(HttpServerRequest req, String requestId) {
    RoutingTable t = shared.tables.get();
    if (shared.auth.check(t.config().auth(), req.getHeader("authorization")) == null) {
      ErrorReplies.send(req.response(), GatewayError.badKey(req.getHeader("authorization") == null), requestId);
      return;
    }
    StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
    boolean first = true;
    for (String name : t.modelNames()) {
      if (!first) sb.append(',');
      first = false;
      sb.append("{\"id\":");
      Json.quote(sb, name);
      sb.append(",\"object\":\"model\",\"created\":0,\"owned_by\":\"switchboard\"}");
    }
    sb.append("]}");
    req.response().putHeader("content-type", "application/json").putHeader("x-request-id", requestId)
        .end(sb.toString());
  }

  void health(HttpServerRequest req) {
    req.response().putHeader("content-type", "application/json").end("{\"status\":\"ok\"}");
  }

  void ready(HttpServerRequest req) {
    boolean ready = shared.tables.get() != null;
    req.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
        .end(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"no routing table\"}");
  }

  void metrics(HttpServerRequest req) {
    shared.vertx.executeBlocking(shared.registry::scrape, false).onComplete(ar -> {
      if (ar.succeeded()) {
        req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
      } else {
        req.response().setStatusCode(500).end(String.valueOf(ar.cause()));
      }
    });
  }
}
