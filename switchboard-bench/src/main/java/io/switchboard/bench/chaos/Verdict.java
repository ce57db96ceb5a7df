package io.switchboard.bench.chaos;

/**
 * What the client made of one answer. Only {@link #OK} and {@link #STREAM_ERROR_EVENT} are honest
 * endings of a stream; {@link #SILENT_TRUNCATION} is the failure this benchmark exists to catch: an answer
 * that ended the way a finished one does but is missing tokens.
 */
enum Verdict {
  /** 200, every requested token, usage that agrees, and for a stream {@code [DONE]}. */
  OK("ok"),
  /** A stream that ended with an explicit {@code data: {"error": ...}} event and no {@code [DONE]}. */
  STREAM_ERROR_EVENT("stream_error_event"),
  /** A status other than 200, with the gateway's or the upstream's error body. */
  HTTP_ERROR("http_error"),
  /** The connection failed or was reset before the answer ended (a visible, not silent, failure). */
  RESET("reset"),
  /** An answer that ended cleanly with fewer (or more) tokens than asked for, or unreadable. */
  SILENT_TRUNCATION("silent_truncation"),
  /** No end within the client's timeout, which is well above the gateway's own deadline. */
  HUNG("hung");

  final String key;

  Verdict(String key) { this.key = key; }

  /** An error the client can see (everything but {@link #OK} and a silent truncation, which it cannot). */
  boolean visibleError() { return this != OK && this != SILENT_TRUNCATION; }
}
