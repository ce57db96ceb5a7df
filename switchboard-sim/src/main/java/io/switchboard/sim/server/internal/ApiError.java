package io.switchboard.sim.server.internal;

/**
 * An error answered in the OpenAI shape {@code {"error": {"message", "type", "param", "code"}}}.
 * Thrown while a request is parsed or admitted; the handler turns it into the response.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;

  public ApiError(int status, String message, String type, String param, String code) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  public static ApiError invalidRequest(String message, String param) {
    return new ApiError(400, message, "invalid_request_error", param, null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }
}
