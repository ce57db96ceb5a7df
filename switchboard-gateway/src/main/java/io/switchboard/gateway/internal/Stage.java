package io.switchboard.gateway.internal;

/**
 * One step of the request path. A stage either calls {@link Chain#proceed()} exactly once (now or from a
 * callback) or ends the exchange through {@link Exchange#fail} / {@link Exchange#complete}; never both.
 */
interface Stage {
  void run(Exchange x, Chain chain);
}
