package io.switchboard.gateway.internal;

/**
 * The request path of a proxied call, in the one place its order is written:
 *
 * <ol>
 *   <li>{@link Authenticate}: bearer key against the configured keys (401), key name for the log;</li>
 *   <li>{@link Peek}: collect the body within the size limit (413), read {@code model}, {@code stream},
 *       sizes with a streaming parser (400);</li>
 *   <li>{@link Admit}: resolve the model group (404) and take a slot on an endpoint its guard admits
 *       (breaker, 429 cooldown, RPM/TPM budget, learned limits, slow start), walking the fallback chain;
 *       wait in the group's bounded queue when endpoints are full (503 + {@code Retry-After} when full or
 *       timed out), or for a rate-limited group's first endpoint to be back (429 + {@code Retry-After});</li>
 *   <li>{@link Route}: the chosen endpoint's upstream target and, only when needed, the rewritten body
 *       (model alias, {@code stream_options.include_usage});</li>
 *   <li>{@link Attempt}: send upstream with connect, first-byte and total deadlines, holding the answer back
 *       until its commit point (a stream's first content token, a plain answer's end); a failure before it is retried on another
 *       endpoint or group as {@link Failover} decides, or becomes the last upstream error or a 502/504;</li>
 *   <li>{@link Relay}: stream the committed answer back with back-pressure both ways, accounting usage and
 *       TTFT; a stream that ends without {@code [DONE]} or a finish reason, or sends a malformed event, ends
 *       with an error event;</li>
 *   <li>{@link Finish}: exactly once, however the exchange ended: report the outcome and usage to the
 *       endpoint's guard, release the slot, wake waiters, metrics, access log (with every attempt).</li>
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
