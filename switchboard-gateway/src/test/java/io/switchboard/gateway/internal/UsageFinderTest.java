package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageFinderTest {
  private static final String COMPLETION = """
      {"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",\
      "content":"a \\"usage\\": {\\"prompt_tokens\\": 1} in the text, and { [ brackets"},"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":250,"completion_tokens":7,"total_tokens":257,\
      "prompt_tokens_details":{"cached_tokens":0}}}""";

  private static String found(String json) {
    UsageFinder f = new UsageFinder();
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    f.feed(b, 0, b.length);
    return f.found() ? f.promptTokens() + "/" + f.completionTokens() : "none";
  }

  /** As a body that arrived whole is read: from its end first, then forward if that did not settle it. */
  private static String foundWhole(String json) {
    UsageFinder f = new UsageFinder();
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    if (!f.findFromEnd(b, 0, b.length)) f.feed(b, 0, b.length);
    return f.found() ? f.promptTokens() + "/" + f.completionTokens() : "none";
  }

  private static boolean settledFromEnd(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return new UsageFinder().findFromEnd(b, 0, b.length);
  }

  @Test
  void completion_findsTopLevelUsage_notTheOneQuotedInTheAnswer() {
    assertThat(found(COMPLETION)).isEqualTo("250/7");
    assertThat(foundWhole(COMPLETION)).isEqualTo("250/7");
    assertThat(settledFromEnd(COMPLETION)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}, from the end: {2}")
  @CsvSource(delimiter = '|', value = {
      // Members after usage (as OpenAI sends service_tier and system_fingerprint) are walked over.
      "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"service_tier\":\"default\",\"n\":null} | 1/2 | true",
      // A string ending in an escaped backslash, and an escaped quote before a real one.
      "{\"a\":\"x\\\\\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}                  | 3/4 | true",
      "{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4},\"a\":\"q\\\"\"}                     | 3/4 | true",
      // Text that looks like a usage member inside a string value at the end is not one.
      "{\"a\":\"\\\"usage\\\":{\\\"prompt_tokens\\\":5}\",\"b\":1}                              | none | false",
      // A usage nested in the last member is not top-level; nor is one inside an array.
      "{\"choices\":[{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}]}                      | none | false",
      "{\"x\":{\"usage\":{\"prompt_tokens\":1}},\"usage\":{\"prompt_tokens\":6,\"completion_tokens\":7}} | 6/7 | true",
      // Whitespace around everything.
      "{ \"usage\" : { \"prompt_tokens\" : 2 , \"completion_tokens\" : 3 } }                           | 2/3 | true",
      // Usage first, a long member after it that ends in brackets and quotes.
      "{\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":9},\"choices\":[{\"t\":\"}]\\\"{[\"}]}       | 8/9 | true",
      // Not JSON, cut short, or no usage at all: the forward scan decides.
      "<html>Bad gateway</html>                                                                                | none | false",
      "{\"usage\":{\"prompt_tokens\":8,                                                                    | none | false",
      "{\"id\":\"x\",\"usage\":null}                                                                     | none | false",
  })
  void wholeBody_fromTheEnd_agreesWithTheForwardScan(String json, String expected, boolean fromEnd) {
    String body = json.strip();
    assertThat(foundWhole(body)).isEqualTo(expected);
    assertThat(found(body)).isEqualTo(expected);
    assertThat(settledFromEnd(body)).isEqualTo(fromEnd);
  }

  @Test
  void directBuffer_isReadFromItsEnd_withoutBeingConsumed() {
    ByteBuf direct = Unpooled.directBuffer().writeBytes(COMPLETION.getBytes(StandardCharsets.UTF_8));
    try {
      UsageFinder f = new UsageFinder();
      assertThat(f.findFromEnd(direct)).isTrue();
      assertThat(f.promptTokens()).isEqualTo(250);
      assertThat(direct.readerIndex()).isZero();
    } finally {
      direct.release();
    }
  }

  @Test
  void completion_splitAtEveryByte_sameUsage() {
    byte[] b = COMPLETION.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= b.length; cut++) {
      UsageFinder f = new UsageFinder();
      f.feed(b, 0, cut);
      f.feed(b, cut, b.length - cut);
      assertThat(f.found()).as("cut at %d", cut).isTrue();
      assertThat(f.promptTokens()).as("cut at %d", cut).isEqualTo(250);
      assertThat(f.completionTokens()).as("cut at %d", cut).isEqualTo(7);
    }
  }

  @Test
  void directBuffer_isScannedInPlace() {
    ByteBuf direct = Unpooled.directBuffer().writeBytes(COMPLETION.getBytes(StandardCharsets.UTF_8));
    try {
      UsageFinder f = new UsageFinder();
      f.feed(direct.slice(0, 100));
      f.feed(direct.slice(100, direct.readableBytes() - 100));
      assertThat(f.completionTokens()).isEqualTo(7);
      // Scanning does not consume the chunk that is forwarded next.
      assertThat(direct.readerIndex()).isZero();
    } finally {
      direct.release();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // Only the top level counts: a usage key nested in choices is someone else's.
      "{\"choices\":[{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}]}           | none",
      "{\"data\":{\"usage\":{\"prompt_tokens\":1}}}                                          | none",
      // A usage that is not an object is no usage.
      "{\"usage\":null}                                                                      | none",
      "{\"usage\":[1,2]}                                                                     | none",
      "{\"usage\":\"{\\\"prompt_tokens\\\":1}\"}                                             | none",
      // A value equal to "usage" is not a key.
      "{\"object\":\"usage\",\"x\":{\"prompt_tokens\":3}}                                    | none",
      // Keys that merely start or end like usage.
      "{\"usages\":{\"prompt_tokens\":3},\"xusage\":{\"prompt_tokens\":4}}                   | none",
      // Whitespace anywhere JSON allows it; missing counts stay unknown.
      "{ \"usage\" :\t { \"completion_tokens\" : 5 } }                                        | -1/5",
      "{\"a\":1,\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":9},\"b\":[{}]}          | 8/9",
      // Embeddings report prompt tokens only.
      "{\"object\":\"list\",\"data\":[],\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}  | 4/-1",
      // Flat objects are read by hand, anything else by Jackson: same answers either way.
      "{\"usage\":{}}                                                                        | -1/-1",
      "{\"usage\":{\"completion_tokens\":3,\"prompt_tokens\":2}}                            | 2/3",
      "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":-3}}                           | 2/-3",
      "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3.0}}                          | 2/-1",
      "{\"usage\":{\"prompt_tokens\":2,\"x\":{\"y\":1},\"completion_tokens\":3}}         | 2/3",
      // Out of int range: Jackson refuses the number, so the object yields no usage (as before the byte scan).
      "{\"usage\":{\"prompt_tokens\":12345678901,\"completion_tokens\":3}}                  | none",
      "{\"usage\":{\"prompt_tokens\":2,}}                                                    | none",
      "{\"usage\":{\"prompt_tokens\":2 , \"completion_tokens\" : 3}}                        | 2/3",
      // Not JSON, or cut short: no usage and nothing thrown.
      "<html>Bad gateway</html>                                                              | none",
      "{\"usage\":{\"prompt_tokens\":8,                                                      | none",
      "{\"usage\":{\"prompt_tokens\":}}                                                      | none",
  })
  void body_yieldsUsage(String json, String expected) {
    assertThat(found(json.strip())).isEqualTo(expected);
    assertThat(foundWhole(json.strip())).isEqualTo(expected);
  }

  @Test
  void nextQuoteOrBackslash_findsTheFirstAtEveryPosition() {
    // Every position and word alignment, with bytes just off the targets (borrows, high bits) around it.
    for (int len = 0; len <= 40; len++) {
      for (int at = 0; at <= len; at++) {
        byte[] b = new byte[len];
        for (int k = 0; k < len; k++) b[k] = (byte) (k % 3 == 0 ? 0x21 : k % 3 == 1 ? 0x5B : 0xA2);
        if (at < len) b[at] = (byte) (at % 2 == 0 ? '"' : '\\');
        if (at + 1 < len) b[at + 1] = '"';
        assertThat(UsageFinder.nextQuoteOrBackslash(b, 0, len)).as("len %d at %d", len, at).isEqualTo(at);
      }
    }
  }

  @Test
  void oversizedUsageObject_isIgnored() {
    String big = "{\"usage\":{\"prompt_tokens\":1,\"pad\":\"" + "x".repeat(UsageFinder.MAX_USAGE_BYTES) + "\"}}";
    assertThat(found(big)).isEqualTo("none");
  }
}
