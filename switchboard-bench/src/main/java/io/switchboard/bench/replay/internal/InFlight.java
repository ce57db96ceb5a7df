package io.switchboard.bench.replay.internal;

import io.switchboard.core.RouteDecision;

/** The replay's bookkeeping for one request between routing and its last token. Mutable, one thread. */
final class InFlight {
  final long id;
  final long arrivalNanos;
  final int replica;
  final int promptTokens;
  /** The output the router was told to expect (the true length, or the learned mean). */
  final int expectedOutput;
  final boolean measured;
  final RouteDecision decision;
  long firstTokenNanos = -1;
  long lastTokenNanos;
  int tokens;
  long served;
  /** Index of this request's receipt in the run's sample, -1 when it is not sampled. */
  int receipt = -1;

  InFlight(long id, long arrivalNanos, int replica, int promptTokens, int expectedOutput, boolean measured,
           RouteDecision decision) {
    this.id = id;
    this.arrivalNanos = arrivalNanos;
    this.replica = replica;
    this.promptTokens = promptTokens;
    this.expectedOutput = expectedOutput;
    this.measured = measured;
    this.decision = decision;
  }

  long expectedTokens() { return (long) promptTokens + expectedOutput; }
}
