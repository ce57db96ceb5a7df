package io.switchboard.gateway.internal;

/**
 * Stage 2: collects the body within {@code server.maxBodyBytes} (413, checked against Content-Length up
 * front and counted as chunks arrive), then peeks at the fields routing needs without building a tree.
 */
final class Peek implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    long limit = x.table.config().server().maxBodyBytes();
    long declared = declaredLength(x);
    if (declared > limit) {
      x.rejectBody(GatewayError.tooLarge(limit));
      return;
    }
    BodyCollector body = new BodyCollector(declared, limit);
    x.request.handler(chunk -> {
      if (!x.finished() && !body.append(chunk)) x.rejectBody(GatewayError.tooLarge(limit));
    });
    x.request.endHandler(v -> {
      if (x.finished()) return;
      x.guard(() -> {
        x.body = body.bytes();
        x.bodyLength = body.length();
        x.bodyReadNanos = x.now();
        RequestPeek peek;
        try {
          peek = RequestPeek.parse(x.body, x.bodyLength, x.table.readsPrompt());
        } catch (RequestPeek.BadRequest e) {
          x.fail(e.error);
          return;
        }
        if (peek.model == null) {
          x.fail(GatewayError.missingModel());
          return;
        }
        x.peek = peek;
        x.streaming = x.api.canStream && peek.stream;
        chain.proceed();
      });
    });
  }

  private static long declaredLength(Exchange x) {
    String cl = x.request.getHeader(HeaderNames.CONTENT_LENGTH);
    if (cl == null) return -1;
    try {
      return Long.parseLong(cl.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
