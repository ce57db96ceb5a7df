package io.switchboard.bench.chaos;

/**
 * One request as the client saw it.
 *
 * @param startMillis   when it was sent, from the start of the run
 * @param latencyMillis until its last byte (or the failure, or the client timeout)
 * @param stream        whether it asked for a stream
 * @param maxTokens     tokens asked for (the simulator answers exactly this many)
 * @param verdict       what the client made of the answer
 * @param status        the HTTP status, 0 when no response head arrived
 * @param errorCode     the error code of a JSON error or error event, or the transport failure, or null
 * @param endpoint      {@code x-switchboard-endpoint}, or null
 * @param attempts      {@code x-switchboard-attempts}, 0 when absent
 */
record Sample(long startMillis, long latencyMillis, boolean stream, int maxTokens, Verdict verdict, int status,
              String errorCode, String endpoint, int attempts) {

  /** A stream that completed on another endpoint than its first attempt's. */
  boolean rescued() { return verdict == Verdict.OK && attempts > 1; }
}
