package io.switchboard.gateway.internal;

/**
 * The request path of a proxied call, in the one place its order is written:
 *
 * <ol>
 *   <li>{@link Authenticate}: bearer key against the configured keys (401), key name for the log;</li>
 *   <li>{@link Peek}: collect the body within the size limit (413), read {@code model}, {@code stream},
 *       sizes with a streaming parser (400);</li>
 *   <li>{@link Admit}: resolve the model group (404) and take a slot on an endpoint, or wait in the group's
 *       bounded queue (503 + {@code Retry-After} when full or timed out);</li>
 *   <li>{@link Route}: the chosen endpoint's upstream target and, only when needed, the rewritten body
 *       (model alias, {@code stream_options.include_usage});</li>
 *   <li>{@link Attempt}: send upstream with connect, first-byte and total deadlines (502, 504);</li>
 *   <li>{@link Relay}: stream the answer back with back-pressure both ways, accounting usage and TTFT;</li>
 *   <li>{@link Finish}: exactly once, however the exchange ended: release the slot, wake waiters, metrics,
 *       access log.</li>
 * </ol>
 *
 * <p>Contract, checked by tests: the client is answered exactly once; before the response head is written
 * a failure becomes a JSON error with its status, after it an SSE error event (streams) or a reset
 * connection (plain bodies), so a broken answer never looks finished. An exception thrown by a stage is
 * such a failure (500).
 */
final class RequestChain {
  private static final Stage[] STAGES = {
      new Authenticate(), new Peek(), new Admit(), new Route(), new Attempt(), new Relay(),
  };

  private RequestChain() {}

  static void start(Exchange x) {
    x.watchClient();
    run(x, 0);
  }

  static void run(Exchange x, int index) {
    if (x.finished()) return;
    if (index >= STAGES.length) throw new IllegalStateException("the last stage must complete, not proceed");
    Chain chain = new Chain(x, index);
    x.guard(() -> STAGES[index].run(x, chain));
  }

  static String name(int index) {
    return index < STAGES.length ? STAGES[index].getClass().getSimpleName() : "#" + index;
  }
}
