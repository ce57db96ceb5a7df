package io.switchboard.gateway.internal;

import io.netty.buffer.Unpooled;
import io.switchboard.gateway.config.EndpointConfig;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Stage 4: turns the chosen endpoint into what is sent: its config, and the body. The client's bytes are
 * forwarded as they are (wrapped, not copied) unless the endpoint maps the model to another upstream name
 * (a fallback group's model included) or a stream lacks {@code include_usage}; only then is the body
 * spliced. A retry runs {@link #prepare} again for its endpoint; the client's bytes stay in memory.
 */
final class Route implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    prepare(x);
    chain.proceed();
  }

  static void prepare(Exchange x) {
    EndpointConfig ec = x.table.endpoint(x.endpoint.id());
    if (ec == null) throw new IllegalStateException("endpoint '" + x.endpoint.id() + "' missing from its table");
    x.endpointConfig = ec;
    String upstreamModel = ec.upstreamModel(x.currentModel);
    boolean rename = !upstreamModel.equals(x.peek.model);
    boolean inject = x.streaming && BodyRewriter.needsUsage(x.peek);
    x.dropUsageChunk = inject;
    if (rename || inject) {
      byte[] out = BodyRewriter.rewrite(x.body, x.bodyLength, x.peek, rename ? upstreamModel : null, inject);
      x.upstreamBody = BufferInternal.buffer(Unpooled.wrappedBuffer(out));
    } else {
      x.upstreamBody = BufferInternal.buffer(Unpooled.wrappedBuffer(x.body, 0, x.bodyLength));
    }
  }
}
