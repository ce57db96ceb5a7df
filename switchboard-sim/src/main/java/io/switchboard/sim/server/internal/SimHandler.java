package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.Faults;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/** Routes one server's requests by method and path; the {@code /v1} POSTs go through {@link ApiPipeline}. */
final class SimHandler implements Handler<HttpServerRequest> {
  private final SimContext sim;
  private final ApiPipeline api;

  SimHandler(SimContext sim) {
    this.sim = sim;
    this.api = new ApiPipeline(sim);
  }

  @Override
  public void handle(HttpServerRequest request) {
    HttpMethod method = request.method();
    switch (request.path()) {
      case "/v1/chat/completions" -> post(request, method, ApiPipeline.Endpoint.CHAT);
      case "/v1/completions" -> post(request, method, ApiPipeline.Endpoint.COMPLETION);
      case "/v1/embeddings" -> post(request, method, ApiPipeline.Endpoint.EMBEDDING);
      case "/v1/models" -> { if (allowed(request, HttpMethod.GET)) json(request.response(), 200, models()); }
      case "/health" -> { if (allowed(request, HttpMethod.GET)) request.response().end(); }
      case "/metrics" -> {
        if (allowed(request, HttpMethod.GET)) {
          request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
              .end(sim.metrics().render(sim.driver().stats(), sim.driver().kvCapacityTokens()));
        }
      }
      case "/admin/faults" -> adminFaults(request, method);
      default -> error(request.response(), new ApiError(404, "Not found: " + method + " " + request.path(), "invalid_request_error", null, "not_found"));
    }
  }

  private void post(HttpServerRequest request, HttpMethod method, ApiPipeline.Endpoint endpoint) {
    if (allowed(request, HttpMethod.POST)) api.handle(request, endpoint);
  }

  private void adminFaults(HttpServerRequest request, HttpMethod method) {
    if (method.equals(HttpMethod.GET)) {
      json(request.response(), 200, FaultsJson.format(sim.faults().current()));
    } else if (method.equals(HttpMethod.POST)) {
      request.body().onSuccess(body -> {
        Faults result;
        try {
          UnaryOperator<Faults> patch = FaultsJson.parsePatch(body.toString(), sim.faults().current());
          result = sim.faults().update(patch);
        } catch (IllegalArgumentException e) {
          error(request.response(), ApiError.invalidRequest(e.getMessage(), null));
          return;
        }
        json(request.response(), 200, FaultsJson.format(result));
      });
    } else {
      methodNotAllowed(request);
    }
  }

  private String models() {
    ObjectNode root = Payloads.JSON.createObjectNode();
    root.put("object", "list");
    ObjectNode model = root.putArray("data").addObject();
    model.put("id", sim.options().model());
    model.put("object", "model");
    model.put("created", sim.epochSeconds());
    model.put("owned_by", "switchboard-sim");
    model.put("max_model_len", sim.options().maxContextTokens());
    return root.toString();
  }

  private static boolean allowed(HttpServerRequest request, HttpMethod expected) {
    if (request.method().equals(expected)) return true;
    methodNotAllowed(request);
    return false;
  }

  private static void methodNotAllowed(HttpServerRequest request) {
    error(request.response(), new ApiError(405, "Method not allowed: " + request.method() + " " + request.path(), "invalid_request_error", null, "method_not_allowed"));
  }

  private static void error(HttpServerResponse response, ApiError e) {
    json(response, e.status(), Payloads.error(e));
  }

  private static void json(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
