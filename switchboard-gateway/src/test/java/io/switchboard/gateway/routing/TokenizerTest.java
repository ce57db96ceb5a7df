package io.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void countsTextWithTheNamedEncoding() {
    // "hello world" is two tokens in both encodings; "tokenization" splits differently between them.
    assertThat(Tokenizer.of("cl100k_base").count("hello world", 0)).isEqualTo(2);
    assertThat(Tokenizer.of("o200k_base").count("hello world", 0)).isEqualTo(2);
    assertThat(Tokenizer.of("cl100k_base").count("", 0)).isZero();
  }

  @Test
  void chatMessages_addOpenAisFraming() {
    Tokenizer t = Tokenizer.of("o200k_base");
    assertThat(t.count("hello world", 2)).isEqualTo(2 + 2 * Tokenizer.PER_MESSAGE + Tokenizer.REPLY_PRIMING);
  }

  @Test
  void eachEncoding_isLoadedOnce() {
    assertThat(Tokenizer.of("cl100k_base")).isSameAs(Tokenizer.of("cl100k_base"));
  }

  @Test
  void unknownEncoding_isRefusedWithItsName() {
    assertThatThrownBy(() -> Tokenizer.of("llama3")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'llama3'");
  }
}
