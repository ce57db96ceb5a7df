package io.switchboard.gateway.internal;

/**
 * Stage 5: sends the request to the chosen endpoint and, when an attempt fails before its commit point,
 * to others as {@link Failover} decides; proceeds to the relay once an answer is committed (see
 * {@link UpstreamAttempt}). Each attempt uses the endpoint's own key, never the client's, and the request
 * id. No hidden retry below this stage: the HTTP client never retries on its own.
 */
final class Attempt implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    new UpstreamAttempt(x, chain).send();
  }
}
