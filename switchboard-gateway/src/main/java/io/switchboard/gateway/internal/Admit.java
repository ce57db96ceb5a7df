package io.switchboard.gateway.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.gateway.routing.RoutingTable;

/**
 * Stage 3: finds the model's group (404 {@code model_not_found}) and takes a slot on one of its endpoints.
 * When every endpoint is at its limit the request waits in the group's bounded queue until a release
 * hands it a slot, or gets 503 + {@code Retry-After} when the queue is full or its timeout passes.
 */
final class Admit implements Stage {
  /** Output tokens assumed when the client sets no {@code max_tokens}: a typical chat answer. */
  static final int DEFAULT_OUTPUT_TOKENS = 256;
  /** Prompt size estimate: about 4 bytes of JSON per token. */
  static final int BYTES_PER_TOKEN = 4;

  @Override
  public void run(Exchange x, Chain chain) {
    RoutingTable.Route route = x.table.resolve(x.peek.model);
    if (route == null) {
      x.fail(GatewayError.modelNotFound(x.peek.model));
      return;
    }
    x.route = route;
    x.routeRequest = routeRequest(x);
    EndpointState e = route.router().tryRoute(x.routeRequest);
    if (e != null) {
      x.endpoint = e;
      chain.proceed();
      return;
    }
    QueueWaiter waiter = new QueueWaiter(x, chain);
    if (!route.router().queue().offer(waiter)) {
      x.fail(GatewayError.noCapacity(route.group().model(), false));
      return;
    }
    x.waiter = waiter;
    x.queuedNanos = x.now();
    waiter.startTimer(route.group().queueTimeout().toMillis());
    // A slot freed between tryRoute and offer would wake nobody: drain once now.
    route.router().drainQueue();
  }

  static RouteRequest routeRequest(Exchange x) {
    RequestPeek p = x.peek;
    int prompt = Math.max(1, x.bodyLength / BYTES_PER_TOKEN);
    int output = x.api == Api.EMBEDDINGS ? 0 : p.maxTokens >= 0 ? p.maxTokens : DEFAULT_OUTPUT_TOKENS;
    long affinity = p.user == null ? 0L : mix(p.user.hashCode());
    return new RouteRequest(p.model, prompt, output, affinity, 0);
  }

  /** Spreads a 32-bit hash over 64 bits (the SplitMix64 finaliser). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
