package io.switchboard.gateway.internal;

/**
 * The handle a stage gets to pass the exchange on. One per stage invocation, so a stage that calls
 * {@link #proceed()} twice is caught at run time instead of running the rest of the chain twice.
 */
final class Chain {
  private final Exchange exchange;
  private final int index;
  private boolean called;

  Chain(Exchange exchange, int index) {
    this.exchange = exchange;
    this.index = index;
  }

  /** Runs the next stage. Does nothing if the exchange already ended (for example, the client left). */
  void proceed() {
    if (called) {
      throw new IllegalStateException("stage " + RequestChain.name(index) + " called proceed() twice");
    }
    called = true;
    RequestChain.run(exchange, index + 1);
  }
}
