package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.resilience.CircuitBreaker;
import io.switchboard.core.resilience.EndpointGuard;
import io.switchboard.core.resilience.LearnedLimits;
import io.switchboard.core.resilience.RateLimiter;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.Secret;
import io.switchboard.gateway.routing.RoutingTable;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /admin/endpoints}: every endpoint of the current table with its breaker state, cooldown,
 * recent failures, learned provider limits, usage budgets, active health and requests in flight. Behind
 * {@code server.admin_token} as a bearer token (401 without it, 404 when no token is configured, so an
 * unconfigured gateway does not even admit the endpoint exists). Times are milliseconds from now.
 */
final class AdminEndpoints {
  private final Shared shared;

  AdminEndpoints(Shared shared) { this.shared = shared; }

  void endpoints(HttpServerRequest req, String requestId) {
    RoutingTable t = shared.tables.get();
    Secret token = t == null ? null : t.config().server().adminToken();
    if (token == null) {
      ErrorReplies.send(req.response(), GatewayError.notFound(req.path()), requestId);
      return;
    }
    if (!authorized(token, req.getHeader("authorization"))) {
      ErrorReplies.send(req.response(), GatewayError.badKey(req.getHeader("authorization") == null), requestId);
      return;
    }
    long now = shared.ticker.getAsLong();
    StringBuilder sb = new StringBuilder(512).append("{\"endpoints\":[");
    boolean first = true;
    for (EndpointConfig ec : t.config().endpoints()) {
      if (!first) sb.append(',');
      first = false;
      endpoint(sb, ec, shared.guards.entry(ec), t.endpointState(ec.id()), now);
    }
    req.response().putHeader("content-type", "application/json").putHeader("x-request-id", requestId)
        .putHeader("cache-control", "no-store").end(sb.append("]}").toString());
  }

  private static void endpoint(StringBuilder sb, EndpointConfig ec, Guards.Entry entry, EndpointState state, long now) {
    EndpointGuard g = entry.guard;
    CircuitBreaker b = g.breaker();
    sb.append("{\"id\":");
    Json.quote(sb, ec.id());
    sb.append(",\"breaker\":");
    Json.quote(sb, b.state().name().toLowerCase(java.util.Locale.ROOT));
    sb.append(",\"breaker_open_for_ms\":").append(b.openUntilNanos() == Long.MIN_VALUE ? 0 : millis(b.openUntilNanos() - now));
    sb.append(",\"call_permitted\":").append(b.isCallPermitted());
    sb.append(",\"recent_failures\":").append(b.recentFailures());
    sb.append(",\"cooldown_ms\":").append(millis(g.cooldown().remainingNanos()));
    sb.append(",\"healthy\":").append(entry.healthy);
    sb.append(",\"weight_factor\":").append(Math.round(g.weightFactor() * 1000) / 1000.0);
    sb.append(",\"in_flight\":").append(state == null ? 0 : state.outstanding());
    sb.append(",\"tokens_in_flight\":").append(state == null ? 0 : state.tokensInFlight());
    LearnedLimits l = g.learned().snapshot();
    sb.append(",\"learned\":{\"limit_requests\":").append(l.limitRequests())
        .append(",\"remaining_requests\":").append(l.remainingRequests())
        .append(",\"reset_requests_ms\":").append(millis(l.resetRequestsAtNanos() - now))
        .append(",\"limit_tokens\":").append(l.limitTokens())
        .append(",\"remaining_tokens\":").append(l.remainingTokens())
        .append(",\"reset_tokens_ms\":").append(millis(l.resetTokensAtNanos() - now)).append('}');
    sb.append(",\"limits\":{\"rpm\":");
    limiter(sb, g.usage().requests());
    sb.append(",\"tpm\":");
    limiter(sb, g.usage().tokens());
    sb.append("}}");
  }

  private static void limiter(StringBuilder sb, RateLimiter r) {
    if (r.isUnlimited()) {
      sb.append("null");
      return;
    }
    sb.append("{\"per_minute\":").append(r.perMinute()).append(",\"available\":").append(r.available()).append('}');
  }

  private static long millis(long nanos) { return Math.max(0, nanos / 1_000_000); }

  private static boolean authorized(Secret token, String header) {
    if (header == null || !header.startsWith("Bearer ")) return false;
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.value().getBytes(StandardCharsets.UTF_8));
  }
}
