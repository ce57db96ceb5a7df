package io.switchboard.sim.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParserTest {
  private static GenerationRequest chat(String messages) {
    String body = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":" + messages + "}";
    return RequestParser.parseGeneration(true, body.getBytes(StandardCharsets.UTF_8), "d");
  }

  @Test
  void chatEndingWithAnAssistantMessage_continuesAfterItsWords() {
    GenerationRequest r = chat("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"the quick brown\"}]");
    assertThat(r.outputOffset()).isEqualTo(3);
    // The continuation starts with a space, so prefix + continuation reads as one answer.
    assertThat("the quick brown" + Tokenizer.outputText(r.outputOffset(), 2)).isEqualTo(Tokenizer.outputText(0, 5));
  }

  @Test
  void chatEndingWithAUserMessage_startsTheAnswerAfresh() {
    assertThat(chat("[{\"role\":\"assistant\",\"content\":\"earlier turn\"},{\"role\":\"user\",\"content\":\"hi\"}]").outputOffset()).isZero();
  }
}
