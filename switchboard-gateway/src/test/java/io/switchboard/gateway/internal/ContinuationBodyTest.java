package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContinuationBodyTest {
  private static String build(boolean chat, String body, int left) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] out = ContinuationBody.build(b, b.length, chat, "the quick", "up/model", left);
    return out == null ? null : new String(out, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      chat appends an assistant message | true  | {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":9,"stream":true} | {"model":"up/model","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"the quick"}],"max_tokens":7,"stream":true,"stream_options":{"include_usage":true}}
      max_completion_tokens is reduced  | true  | {"messages":[{"role":"user","content":"hi"}],"max_completion_tokens":9,"model":"m"} | {"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"the quick"}],"max_completion_tokens":7,"model":"up/model","stream_options":{"include_usage":true}}
      stream_options are replaced       | true  | {"model":"m","messages":[{"role":"user","content":"hi"}],"stream_options":{"include_usage":false}} | {"model":"up/model","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"the quick"}],"stream_options":{"include_usage":true}}
      completion prompt is extended     | false | {"model":"m","prompt":"once upon a time ","max_tokens":9} | {"model":"up/model","prompt":"once upon a time the quick","max_tokens":7,"stream_options":{"include_usage":true}}
      one-string prompt array           | false | {"model":"m","prompt":["once "]} | {"model":"up/model","prompt":"once the quick","stream_options":{"include_usage":true}}
      token prompt cannot be extended   | false | {"model":"m","prompt":[1,2,3]} | null
      n above one cannot be continued   | true  | {"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]} | null
      no output budget left             | true  | {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":2} | null
      chat without messages             | true  | {"model":"m","prompt":"x"} | null
      """)
  void build_continuationBody(String name, boolean chat, String body, String expected) {
    int left = body.contains("\"max_tokens\":2") ? 0 : 7;
    assertThat(build(chat, body, left)).isEqualTo(expected);
  }
}
