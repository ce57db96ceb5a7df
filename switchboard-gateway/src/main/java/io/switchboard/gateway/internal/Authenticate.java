package io.switchboard.gateway.internal;

/** Stage 1: when keys are configured, the bearer token must match one (401 otherwise, never forwarded). */
final class Authenticate implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    String header = x.request.getHeader(HeaderNames.AUTHORIZATION);
    String name = x.shared.auth.check(x.table.config().auth(), header);
    if (name == null) {
      x.fail(GatewayError.badKey(header == null));
      return;
    }
    x.keyName = name.isEmpty() ? null : name;
    chain.proceed();
  }
}
