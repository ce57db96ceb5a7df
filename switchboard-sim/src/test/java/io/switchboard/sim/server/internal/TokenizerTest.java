package io.switchboard.sim.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void addText_sameWords_sameIdsRegardlessOfSpacing() {
    int[] a = new Tokenizer().addText("the cat  sat\n on").toArray();
    int[] b = new Tokenizer().addText(" the cat sat on ").toArray();
    assertThat(a).hasSize(4).isEqualTo(b);
  }

  @Test
  void parseGeneration_chatsSharingFirstTurns_shareTokenPrefix() {
    String first = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hello there\"}]}";
    String longer = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hello there\"},"
        + "{\"role\":\"assistant\",\"content\":\"hi\"},{\"role\":\"user\",\"content\":\"more\"}]}";
    int[] a = RequestParser.parseGeneration(true, first.getBytes(), "d").promptTokens();
    int[] b = RequestParser.parseGeneration(true, longer.getBytes(), "d").promptTokens();

    // BOS + <|system|> + 2 words + <|user|> + 2 words + <|assistant|>
    assertThat(a).hasSize(8);
    // The shared turns give the same ids; only the trailing assistant marker of the shorter one differs in role.
    assertThat(Arrays.copyOf(b, 7)).isEqualTo(Arrays.copyOf(a, 7));
  }

  @Test
  void outputText_isDeterministicAndSpaceSeparated() {
    assertThat(Tokenizer.outputText(0, 3)).isEqualTo("the quick brown");
    assertThat(Tokenizer.outputText(0, 1) + Tokenizer.outputText(1, 2)).isEqualTo(Tokenizer.outputText(0, 3));
  }
}
