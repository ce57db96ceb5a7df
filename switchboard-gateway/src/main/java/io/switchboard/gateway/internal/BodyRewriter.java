package io.switchboard.gateway.internal;

import java.nio.charset.StandardCharsets;

/**
 * Produces the upstream body when it must differ from the client's: the model alias replaced by the
 * upstream name, and {@code stream_options.include_usage} forced on for streams. Splices the original
 * bytes at the offsets {@link RequestPeek} recorded, so every other byte (field order, spacing, numbers)
 * is forwarded as sent. At most two edits, which never overlap (they sit in different top-level fields).
 */
final class BodyRewriter {
  private static final byte[] USAGE_FIELD = ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USAGE_OBJECT = "{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USAGE_MEMBER = "\"include_usage\":true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USAGE_MEMBER_COMMA = "\"include_usage\":true,".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

  private BodyRewriter() {}

  /** Whether the stream request lacks {@code include_usage: true}, so the gateway must add it. */
  static boolean needsUsage(RequestPeek peek) { return peek.includeUsage != RequestPeek.Presence.TRUE; }

  /**
   * The rewritten body.
   *
   * @param upstreamModel the name to send, or null to keep the client's
   * @param injectUsage   whether to force {@code stream_options.include_usage: true}
   */
  static byte[] rewrite(byte[] body, int length, RequestPeek peek, String upstreamModel, boolean injectUsage) {
    Edit model = upstreamModel == null ? null
        : new Edit(peek.modelStart, peek.modelEnd - peek.modelStart,
            Json.quote(upstreamModel).getBytes(StandardCharsets.UTF_8));
    Edit usage = injectUsage ? usageEdit(peek) : null;
    Edit first = model;
    Edit second = usage;
    if (first == null || (second != null && second.at < first.at)) {
      first = usage;
      second = model;
    }
    int size = length + delta(first) + delta(second);
    byte[] out = new byte[size];
    int src = 0;
    int dst = 0;
    for (Edit e : new Edit[] {first, second}) {
      if (e == null) continue;
      System.arraycopy(body, src, out, dst, e.at - src);
      dst += e.at - src;
      System.arraycopy(e.insert, 0, out, dst, e.insert.length);
      dst += e.insert.length;
      src = e.at + e.remove;
    }
    System.arraycopy(body, src, out, dst, length - src);
    return out;
  }

  private static Edit usageEdit(RequestPeek peek) {
    return switch (peek.streamOptions) {
      case ABSENT -> new Edit(peek.rootEnd, 0, USAGE_FIELD);
      case NULL -> new Edit(peek.streamOptionsStart, 4, USAGE_OBJECT);
      default -> switch (peek.includeUsage) {
        case ABSENT -> new Edit(peek.streamOptionsStart + 1, 0,
            peek.streamOptionsEmpty ? USAGE_MEMBER : USAGE_MEMBER_COMMA);
        case FALSE -> new Edit(peek.includeUsageStart, 5, TRUE);
        case NULL -> new Edit(peek.includeUsageStart, 4, TRUE);
        default -> throw new IllegalStateException("include_usage is already true");
      };
    };
  }

  private static int delta(Edit e) { return e == null ? 0 : e.insert.length - e.remove; }

  private record Edit(int at, int remove, byte[] insert) {}
}
