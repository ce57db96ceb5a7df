package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestPeekTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static RequestPeek peek(String json) throws RequestPeek.BadRequest {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return RequestPeek.parse(b, b.length);
  }

  private static String rewrite(String json, String upstreamModel, boolean inject) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    RequestPeek p = RequestPeek.parse(b, b.length);
    return new String(BodyRewriter.rewrite(b, b.length, p, upstreamModel, inject), StandardCharsets.UTF_8);
  }

  @Test
  void parse_fieldsInAnyOrder_readsWhatRoutingNeeds() throws Exception {
    RequestPeek p = peek("{\"messages\":[{\"role\":\"user\",\"content\":\"hi {\\\"model\\\":1}\"}],"
        + "\"max_completion_tokens\":77,\"stream\":true,\"user\":\"u1\",\"model\":\"m\\u00e9\"}");
    assertThat(p.model).isEqualTo("mé");
    assertThat(p.stream).isTrue();
    assertThat(p.maxTokens).isEqualTo(77);
    assertThat(p.user).isEqualTo("u1");
    assertThat(p.streamOptions).isEqualTo(RequestPeek.Presence.ABSENT);
  }

  @Test
  void parse_promptOfTokenIds_hashesTheirDecimalFormAndCountsThem() throws Exception {
    RequestPeek a = peek("{\"model\":\"m\",\"prompt\":[101,7,2048,9]}");
    RequestPeek b = peek("{\"model\":\"m\",\"prompt\":[101,7,2048,11,12]}");
    assertThat(a.promptTokenIds).isEqualTo(4);
    assertThat(b.promptTokenIds).isEqualTo(5);
    assertThat(a.promptText.toString()).isEqualTo("101 7 2048 9 ");
    assertThat(b.promptText.toString()).startsWith("101 7 2048 ");
    assertThat(peek("{\"model\":\"m\",\"prompt\":\"text\"}").promptTokenIds).isZero();
  }

  @Test
  void parse_withoutPrompt_skipsTheTextButStillReadsFieldsAfterIt() throws Exception {
    byte[] b = ("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"long prompt\"}]}],"
        + "\"prompt\":\"p\",\"model\":\"m\",\"max_tokens\":5}").getBytes(StandardCharsets.UTF_8);
    RequestPeek p = RequestPeek.parse(b, b.length, false);
    assertThat(p.promptText).isEmpty();
    assertThat(p.model).isEqualTo("m");
    assertThat(p.maxTokens).isEqualTo(5);
    assertThat(RequestPeek.parse(b, b.length, true).promptText.toString()).isEqualTo("long promptp");
  }

  @Test
  void parse_withoutPrompt_stillRejectsMalformedMessages() {
    byte[] b = "{\"model\":\"m\",\"messages\":[{\"content\":\"x\",]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RequestPeek.parse(b, b.length, false)).isInstanceOf(RequestPeek.BadRequest.class);
  }

  @Test
  void parse_messages_collectsTheirTextInOrder() throws Exception {
    RequestPeek p = peek("{\"messages\":[{\"role\":\"system\",\"content\":\"sys.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"x\"}},{\"type\":\"text\",\"text\":\"b\"}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t\"}]}],\"model\":\"m\"}");
    assertThat(p.promptText.toString()).isEqualTo("sys.ab");
    assertThat(p.model).isEqualTo("m");
  }

  @Test
  void parse_completionsPrompt_isThePromptText() throws Exception {
    assertThat(peek("{\"prompt\":\"once upon\",\"model\":\"m\"}").promptText.toString()).isEqualTo("once upon");
    assertThat(peek("{\"messages\":\"odd\",\"model\":\"m\"}").promptText.toString()).isEmpty();
  }

  @Test
  void parse_nestedModelField_isNotTheModel() throws Exception {
    // Only the top-level "model" counts; nested ones are skipped without decoding.
    assertThat(peek("{\"tools\":[{\"model\":\"x\"}]}").model).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\":",
      "[1,2]",
      "{\"model\":\"a\"} trailing",
      "{\"model\":5}",
      "{\"model\":\"a\",\"stream\":\"yes\"}",
      "{\"model\":\"a\",\"stream_options\":3}",
      "{\"model\":\"a\",\"stream_options\":{\"include_usage\":1}}",
  })
  void parse_badBody_isRefusedWith400(String body) {
    assertThatThrownBy(() -> peek(body)).isInstanceOfSatisfying(RequestPeek.BadRequest.class,
        e -> assertThat(e.error.status()).isEqualTo(400));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\":\"alias\",\"stream\":true}",
      "{ \"stream\" : true , \"model\" : \"al\\\"ias\" , \"n\" : 1 }",
      "{\"model\":\"alias\",\"stream\":true,\"stream_options\":null}",
      "{\"stream_options\":{},\"model\":\"alias\",\"stream\":true}",
      "{\"model\":\"alias\",\"stream_options\":{\"x\":[1,{\"y\":2}]},\"stream\":true}",
      "{\"stream\":true,\"stream_options\":{\"include_usage\":false,\"x\":1},\"model\":\"alias\"}",
      "{\"stream\":true,\"stream_options\":{\"include_usage\":null},\"model\":\"alias\"}",
  })
  void rewrite_anyFieldOrder_setsModelAndIncludeUsageAndKeepsTheRest(String body) throws Exception {
    JsonNode before = MAPPER.readTree(body);
    JsonNode after = MAPPER.readTree(rewrite(body, "upstream/name", true));
    assertThat(after.get("model").asString()).isEqualTo("upstream/name");
    assertThat(after.get("stream_options").get("include_usage").asBoolean()).isTrue();
    // Every other field is unchanged.
    for (var name : before.propertyNames()) {
      if (!name.equals("model") && !name.equals("stream_options")) assertThat(after.get(name)).isEqualTo(before.get(name));
    }
    if (before.get("stream_options") != null && before.get("stream_options").isObject()) {
      for (var name : before.get("stream_options").propertyNames()) {
        if (!name.equals("include_usage")) {
          assertThat(after.get("stream_options").get(name)).isEqualTo(before.get("stream_options").get(name));
        }
      }
    }
  }

  @Test
  void rewrite_modelOnly_changesOnlyTheModelBytes() throws Exception {
    assertThat(rewrite("{\"model\":\"a\",  \"temperature\":0.70}", "bb", false))
        .isEqualTo("{\"model\":\"bb\",  \"temperature\":0.70}");
  }

  @Test
  void rewrite_usageOnly_appendsStreamOptions() throws Exception {
    assertThat(rewrite("{\"model\":\"a\",\"stream\":true}", null, true))
        .isEqualTo("{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }
}
