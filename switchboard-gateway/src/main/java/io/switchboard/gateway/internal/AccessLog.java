package io.switchboard.gateway.internal;

import io.netty.util.concurrent.FastThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per proxied request on the logger {@code switchboard.access}: request id, key name (never
 * the key), model, endpoint, status, TTFT, duration, upstream usage, stream flag, the error code if any, the fallback
 * group that answered if any, the routing receipt of the last pick ({@code route}, every candidate's scores),
 * and every upstream attempt ({@code endpoint}, {@code outcome}, {@code ms}).
 * Nulls mark what is unknown (no usage reported, no token streamed).
 */
final class AccessLog {
  static final Logger LOG = LoggerFactory.getLogger("switchboard.access");

  private AccessLog() {}

  /** One builder per event loop, reused: the line's String is the only object a request's log line makes. */
  private static final FastThreadLocal<StringBuilder> LINE = new FastThreadLocal<>() {
    @Override
    protected StringBuilder initialValue() { return new StringBuilder(512); }
  };

  static void log(Exchange x, long now) {
    if (!LOG.isInfoEnabled()) return;
    StringBuilder sb = LINE.get();
    sb.setLength(0);
    sb.append("{\"request_id\":");
    Json.quote(sb, x.requestId);
    sb.append(",\"key\":");
    Json.quote(sb, x.keyName);
    sb.append(",\"model\":");
    Json.quote(sb, x.peek == null ? null : x.peek.model);
    sb.append(",\"endpoint\":");
    Json.quote(sb, x.endpointId());
    sb.append(",\"status\":").append(x.status);
    sb.append(",\"ttft_ms\":");
    millis(sb, x.firstTokenNanos == 0 ? -1 : x.firstTokenNanos - x.startNanos);
    sb.append(",\"duration_ms\":");
    millis(sb, now - x.startNanos);
    sb.append(",\"prompt_tokens\":");
    count(sb, x.promptTokens);
    sb.append(",\"completion_tokens\":");
    count(sb, x.completionTokens);
    sb.append(",\"stream\":").append(x.peek != null && x.peek.stream);
    sb.append(",\"error\":");
    Json.quote(sb, x.error);
    sb.append(",\"fallback\":");
    Json.quote(sb, x.fallbackModel);
    sb.append(",\"route\":");
    Json.quote(sb, x.receipt == null ? null : x.receipt.full());
    sb.append(",\"attempts\":[");
    if (x.attemptLog != null) sb.append(x.attemptLog);
    sb.append(']');
    LOG.info(sb.append('}').toString());
    if (sb.capacity() > 4096) LINE.remove(); // an unusually long line: do not keep its buffer
  }

  private static void millis(StringBuilder sb, long nanos) {
    if (nanos < 0) sb.append("null");
    else sb.append(nanos / 1_000_000).append('.').append((nanos / 1_000) % 1_000 / 100);
  }

  private static void count(StringBuilder sb, int n) {
    if (n < 0) sb.append("null");
    else sb.append(n);
  }
}
