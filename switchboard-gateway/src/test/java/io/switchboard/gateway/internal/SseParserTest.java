package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private final List<String> events = new ArrayList<>();
  private final List<Integer> ends = new ArrayList<>();
  private final SseParser parser = new SseParser();
  private final SseParser.Listener listener = (data, len, hasData, end) -> {
    events.add(hasData ? new String(data, 0, len, StandardCharsets.UTF_8) : "<no data>");
    ends.add(end);
  };

  private void feed(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    parser.feed(b, 0, b.length, listener);
  }

  @Test
  void feed_wholeEvents_reportsDataAndEndOffsets() {
    feed("data: {\"a\":1}\n\ndata: [DONE]\n\n");
    assertThat(events).containsExactly("{\"a\":1}", "[DONE]");
    assertThat(ends).containsExactly(15, 29);
  }

  @Test
  void feed_eventSplitAtEveryByte_sameEvents() {
    String stream = "data: one\n\nevent: x\ndata: two\ndata: lines\n\n: comment\n\n";
    for (char c : stream.toCharArray()) feed(String.valueOf(c));
    // A comment-only event carries no data; multi-line data joins with LF; other fields are ignored.
    assertThat(events).containsExactly("one", "two\nlines", "<no data>");
  }

  @Test
  void feed_crlfSplitBetweenChunks_countsOneLineEnd() {
    feed("data: a\r");
    feed("\n\r");
    feed("\ndata: b\r\n\r\n");
    assertThat(events).containsExactly("a", "b");
  }

  @Test
  void feed_noSpaceAfterColon_keepsValue() {
    feed("data:x\n\n");
    assertThat(events).containsExactly("x");
  }

  @Test
  void feed_unterminatedEvent_reportsNothingYet() {
    feed("data: partial\n");
    assertThat(events).isEmpty();
    feed("\n");
    assertThat(events).containsExactly("partial");
  }
}
