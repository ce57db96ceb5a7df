package io.switchboard.sim.server;

/**
 * Faults the simulated server can inject, in the order they are tried. The first five replace the response
 * (at most one of them hits a request: the first that fires); the last four act on a generation while it
 * streams and may combine. {@link #key()} is the name used in the admin JSON and on the command line.
 */
public enum FaultKind {
  /** 429 with a {@code Retry-After} header of {@link Faults#retryAfterSeconds()}. */
  HTTP_429("http_429", true),
  /** 429 without any {@code Retry-After} header. */
  HTTP_429_NO_RETRY_AFTER("http_429_no_retry_after", true),
  /** 500 {@code server_error}. */
  HTTP_500("http_500", true),
  /** 503, the engine is overloaded. */
  HTTP_503("http_503", true),
  /** The connection is closed before any response header is written. */
  RESET_BEFORE_HEADERS("reset_before_headers", true),
  /** The request is held open and never answered, until the client gives up. */
  NO_RESPONSE("no_response", true),
  /** The first token comes {@link Faults#slowFirstTokenMillis()} later than the engine would give it. */
  SLOW_FIRST_TOKEN("slow_first_token", false),
  /** After {@link Faults#stallAfterTokens()} tokens nothing more is sent; the connection stays open. */
  STALL("stall", false),
  /** After {@link Faults#cutAfterTokens()} tokens the connection is closed, without {@code [DONE]}. */
  CUT_STREAM("cut_stream", false),
  /** After {@link Faults#malformedAfterTokens()} tokens one event that is not valid JSON is sent. */
  MALFORMED_EVENT("malformed_event", false);

  private final String key;
  private final boolean replacesResponse;

  FaultKind(String key, boolean replacesResponse) {
    this.key = key;
    this.replacesResponse = replacesResponse;
  }

  public String key() {
    return key;
  }

  /** True if the fault is the whole answer; false if it alters a generation in progress. */
  public boolean replacesResponse() {
    return replacesResponse;
  }

  /** The kind whose {@link #key()} is {@code key}, or an exception naming the known keys. */
  public static FaultKind ofKey(String key) {
    for (FaultKind k : values()) if (k.key.equals(key)) return k;
    throw new IllegalArgumentException("unknown fault '" + key + "'; known: " + java.util.Arrays.stream(values()).map(FaultKind::key).toList());
  }
}
