package io.switchboard.core.resilience;

import java.util.Objects;

/**
 * How one upstream attempt ended, as far as the breaker and the retry policy care. The gateway builds one
 * per attempt; the replay builds them from the simulator's faults.
 *
 * @param kind      whether a response arrived, and if not, how the attempt failed
 * @param status    the HTTP status when {@code kind} is {@link Kind#RESPONSE}, else 0
 * @param errorCode the provider's error code from the body ({@code error.code}, e.g.
 *                  {@code context_length_exceeded}), or {@code ""} when none was read
 */
public record AttemptOutcome(Kind kind, int status, String errorCode) {
  /** OpenAI's code for a prompt longer than the model's context. */
  public static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";
  /** OpenAI's code for a refused prompt; Azure OpenAI says {@code content_filter}. */
  public static final String CONTENT_POLICY_VIOLATION = "content_policy_violation";
  public static final String CONTENT_FILTER = "content_filter";

  public enum Kind {
    /** No connection: refused, DNS, TLS handshake. Nothing was sent, so any endpoint may take the request. */
    CONNECT_FAILURE,
    /** The connection closed or reset before response headers arrived. */
    RESET_BEFORE_HEADERS,
    /** No response headers (or first token) within the attempt's timeout. */
    TIMEOUT,
    /** Response headers arrived with {@code status}. */
    RESPONSE
  }

  public AttemptOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(errorCode, "errorCode");
    if (kind == Kind.RESPONSE && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be 100..599 for a response, was " + status);
    }
    if (kind != Kind.RESPONSE && status != 0) {
      throw new IllegalArgumentException("status must be 0 for " + kind + ", was " + status);
    }
  }

  public static AttemptOutcome connectFailure() { return new AttemptOutcome(Kind.CONNECT_FAILURE, 0, ""); }

  public static AttemptOutcome resetBeforeHeaders() { return new AttemptOutcome(Kind.RESET_BEFORE_HEADERS, 0, ""); }

  public static AttemptOutcome timeout() { return new AttemptOutcome(Kind.TIMEOUT, 0, ""); }

  public static AttemptOutcome response(int status) { return new AttemptOutcome(Kind.RESPONSE, status, ""); }

  public static AttemptOutcome response(int status, String errorCode) {
    return new AttemptOutcome(Kind.RESPONSE, status, errorCode == null ? "" : errorCode);
  }

  /** No response at all: the endpoint, not the request, is the likely problem. */
  public boolean isTransportFailure() { return kind != Kind.RESPONSE; }

  public boolean isSuccess() { return kind == Kind.RESPONSE && status >= 200 && status < 300; }

  public boolean isContentPolicyRefusal() {
    return CONTENT_POLICY_VIOLATION.equals(errorCode) || CONTENT_FILTER.equals(errorCode);
  }
}
