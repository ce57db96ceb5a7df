package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The path of every {@code POST /v1/*} request, in order:
 * <ol>
 *   <li>open the exchange (counted; its close handler cancels engine work if the client leaves);</li>
 *   <li>plan faults: a fault that replaces the response answers now, before the body is read;</li>
 *   <li>read and parse the body (400 in the OpenAI shape for anything malformed);</li>
 *   <li>size the output and check the context length (400 {@code context_length_exceeded});</li>
 *   <li>charge the RPM/TPM windows (429 when full);</li>
 *   <li>generate (engine) or embed (immediate).</li>
 * </ol>
 * The {@code x-ratelimit-*} headers are added to every response just before its headers are written.
 */
final class ApiPipeline {
  enum Endpoint { CHAT, COMPLETION, EMBEDDING }

  private final SimContext sim;

  ApiPipeline(SimContext sim) {
    this.sim = sim;
  }

  void handle(HttpServerRequest request, Endpoint endpoint) {
    long arrivalNanos = sim.driver().now();
    HttpServerResponse response = request.response();
    Exchange exchange = new Exchange(response, sim.counters());
    response.headersEndHandler(v -> {
      Faults f = sim.faults().current();
      sim.limits().addHeaders(response.headers(), f.rpm(), f.tpm());
    });
    FaultPlan plan = sim.faults().plan(endpoint != Endpoint.EMBEDDING);
    if (plan.any()) sim.counters().faultsInjected.incrementAndGet();
    if (plan.replacement() != null) {
      replace(exchange, plan);
      return;
    }
    request.body().onSuccess(body -> {
      try {
        admit(exchange, endpoint, plan, body.getBytes(), arrivalNanos);
      } catch (ApiError e) {
        exchange.endError(e);
      }
    }); // a failed body read means the connection closed: the exchange has counted it
  }

  private void admit(Exchange exchange, Endpoint endpoint, FaultPlan plan, byte[] body, long arrivalNanos) {
    String defaultModel = sim.options().model();
    if (endpoint == Endpoint.EMBEDDING) {
      List<int[]> inputs = RequestParser.parseEmbeddingInputs(body);
      String model = RequestParser.model(body, defaultModel);
      charge(exchange, inputs.stream().mapToInt(i -> i.length).sum());
      exchange.end(200, "application/json", Embeddings.response(inputs, model, sim.options().embeddingDimensions()));
      return;
    }
    GenerationRequest request = RequestParser.parseGeneration(endpoint == Endpoint.CHAT, body, defaultModel);
    int output = outputTokens(request);
    charge(exchange, request.promptTokens().length + output);
    new Generation(sim, exchange, request, plan, output, arrivalNanos).start();
  }

  /** The output length: as requested, else the default clipped to the context left, as vLLM does. */
  private int outputTokens(GenerationRequest request) {
    int max = sim.options().maxContextTokens();
    int prompt = request.promptTokens().length;
    int wanted = request.maxTokens() > 0 ? request.maxTokens() : Math.min(sim.options().defaultMaxTokens(), max - prompt);
    if (prompt >= max || (long) prompt + wanted > max) {
      String param = request.chat() ? "messages" : "prompt";
      throw new ApiError(400, "This model's maximum context length is " + max + " tokens. However, you requested "
          + ((long) prompt + Math.max(wanted, 0)) + " tokens (" + prompt + " in the " + param + ", " + Math.max(wanted, 0)
          + " in the completion). Please reduce the length of the " + param + " or completion.",
          "invalid_request_error", param, "context_length_exceeded");
    }
    return wanted;
  }

  /** Charges the RPM/TPM windows or throws their 429, with {@code Retry-After} set to the window's reset. */
  private void charge(Exchange exchange, int tokens) {
    Faults f = sim.faults().current();
    RateLimitWindows.Decision d = sim.limits().tryAcquire(tokens, f.rpm(), f.tpm());
    if (d.admitted()) return;
    sim.counters().rateLimited.incrementAndGet();
    String wait = RateLimitWindows.formatDuration(d.resetNanos());
    long retryAfter = Math.max(1, (d.resetNanos() + 999_999_999L) / 1_000_000_000L);
    exchange.response().putHeader("retry-after", Long.toString(retryAfter));
    throw new ApiError(429, "Rate limit reached for " + sim.options().model() + " on " + d.limitedBy()
        + " per min: Limit " + d.limit() + ", Used " + d.used() + ", Requested "
        + (d.limitedBy().equals("requests") ? 1 : tokens) + ". Please try again in " + wait + ".",
        d.limitedBy(), null, "rate_limit_exceeded");
  }

  private void replace(Exchange exchange, FaultPlan plan) {
    FaultKind kind = plan.replacement();
    HttpServerResponse response = exchange.response();
    switch (kind) {
      case HTTP_429 -> {
        response.putHeader("retry-after", Integer.toString(plan.faults().retryAfterSeconds()));
        exchange.endError(new ApiError(429, "Rate limit reached (simulated). Please try again later.", "requests", null, "rate_limit_exceeded"));
      }
      case HTTP_429_NO_RETRY_AFTER ->
          exchange.endError(new ApiError(429, "Rate limit reached (simulated). Please try again later.", "requests", null, "rate_limit_exceeded"));
      case HTTP_500 -> exchange.endError(new ApiError(500, "The server had an error while processing your request (simulated).", "server_error", null, null));
      case HTTP_503 -> exchange.endError(new ApiError(503, "The engine is currently overloaded, please try again later (simulated).", "server_error", null, null));
      case RESET_BEFORE_HEADERS -> exchange.abort();
      case NO_RESPONSE -> { } // held until the client closes; the exchange counts that as a cancellation
      default -> throw new IllegalStateException(kind + " does not replace a response");
    }
  }
}
