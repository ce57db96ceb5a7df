package io.switchboard.gateway.internal;

/**
 * An error the gateway itself answers, in the OpenAI shape
 * {@code {"error":{"message","type","param","code"}}}. {@code retryAfterSeconds} > 0 adds {@code Retry-After}.
 */
record GatewayError(int status, String type, String code, String param, String message, int retryAfterSeconds) {
  static final String INVALID_REQUEST = "invalid_request_error";
  static final String SERVER_ERROR = "server_error";

  static GatewayError badJson(String detail) {
    return new GatewayError(400, INVALID_REQUEST, "invalid_json", null,
        "We could not parse the JSON body of your request: " + detail, 0);
  }

  static GatewayError invalidField(String param, String message) {
    return new GatewayError(400, INVALID_REQUEST, "invalid_value", param, message, 0);
  }

  static GatewayError missingModel() {
    return new GatewayError(400, INVALID_REQUEST, "missing_model", "model",
        "you must provide a model parameter", 0);
  }

  static GatewayError modelNotFound(String model) {
    return new GatewayError(404, INVALID_REQUEST, "model_not_found", "model",
        "The model '" + model + "' does not exist or is not served by this gateway", 0);
  }

  static GatewayError tooLarge(long limit) {
    return new GatewayError(413, INVALID_REQUEST, "request_too_large", null,
        "The request body is larger than the limit of " + limit + " bytes", 0);
  }

  static GatewayError methodNotAllowed(String method, String path) {
    return new GatewayError(405, INVALID_REQUEST, "method_not_allowed", null,
        "Method " + method + " is not allowed on " + path, 0);
  }

  static GatewayError notFound(String path) {
    return new GatewayError(404, INVALID_REQUEST, "unknown_url", null, "Unknown request URL: " + path, 0);
  }

  static GatewayError badKey(boolean missing) {
    return new GatewayError(401, INVALID_REQUEST, "invalid_api_key", null, missing
        ? "You didn't provide an API key: send it as 'Authorization: Bearer <key>'"
        : "Incorrect API key provided", 0);
  }

  static GatewayError noCapacity(String group, boolean timedOut) {
    return new GatewayError(503, SERVER_ERROR, "no_endpoint_available", null, timedOut
        ? "Every endpoint of model group '" + group + "' stayed busy until the queue timeout; retry later"
        : "Every endpoint of model group '" + group + "' is busy and its queue is full; retry later", 1);
  }

  /**
   * A request whose latency objectives no endpoint is predicted to meet, in a class that is shed rather than held.
   * {@code ttftMillis}, {@code tpotMillis}: the request's objectives, 0 for one it did not set.
   */
  static GatewayError objectiveUnreachable(String group, long ttftMillis, long tpotMillis) {
    String wanted = ttftMillis > 0 && tpotMillis > 0
        ? "a first token within " + ttftMillis + " ms and a token every " + tpotMillis + " ms after it"
        : ttftMillis > 0 ? "a first token within " + ttftMillis + " ms" : "a token every " + tpotMillis + " ms";
    return new GatewayError(503, SERVER_ERROR, "objective_unreachable", null,
        "No endpoint of model group '" + group + "' is predicted to give " + wanted
            + " now; retry later, or send a higher x-switchboard-priority to wait for one", 1);
  }

  static GatewayError rateLimited(String group, int retryAfterSeconds) {
    return new GatewayError(429, "rate_limit_error", "rate_limited", null,
        "Every endpoint of model group '" + group + "' is at its rate limit; retry after " + retryAfterSeconds + "s",
        retryAfterSeconds);
  }

  static GatewayError noHealthyEndpoint(String group, int retryAfterSeconds) {
    return new GatewayError(503, SERVER_ERROR, "no_healthy_endpoint", null,
        "No endpoint of model group '" + group + "' is healthy; retry later", retryAfterSeconds);
  }

  static GatewayError timeout(String what, String endpoint) {
    return new GatewayError(504, "timeout_error", "upstream_timeout", null,
        "Endpoint '" + endpoint + "' exceeded its " + what + " timeout", 0);
  }

  static GatewayError unreachable(String endpoint, String cause) {
    return new GatewayError(502, SERVER_ERROR, "upstream_unreachable", null,
        "Could not reach endpoint '" + endpoint + "': " + cause, 0);
  }

  static GatewayError broken(String endpoint, String cause) {
    return new GatewayError(502, SERVER_ERROR, "upstream_error", null,
        "Endpoint '" + endpoint + "' failed mid-response: " + cause, 0);
  }

  static GatewayError internal(String cause) {
    return new GatewayError(500, SERVER_ERROR, "internal_error", null, "Internal gateway error: " + cause, 0);
  }

  /** The JSON body, {@code {"error":{...}}}. */
  String json() {
    StringBuilder sb = new StringBuilder(160 + message.length());
    sb.append("{\"error\":{\"message\":");
    Json.quote(sb, message);
    sb.append(",\"type\":");
    Json.quote(sb, type);
    sb.append(",\"param\":");
    Json.quote(sb, param);
    sb.append(",\"code\":");
    Json.quote(sb, code);
    return sb.append("}}").toString();
  }
}
