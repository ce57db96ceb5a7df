package io.switchboard.sim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.switchboard.sim.FixedSpeedEngine;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, as a real client, accepts what the simulator sends. */
class OpenAiSdkCompatibilityTest {
  private static Vertx vertx;
  private static SimServer sim;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sim = SimServer.start(vertx, SimServerOptions.defaults().withMaxContextTokens(50)
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
    client = OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("sk-sim").maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close().await();
    vertx.close().await();
  }

  private static ChatCompletionCreateParams.Builder params(long maxTokens) {
    return ChatCompletionCreateParams.builder().model("gpt-sim").addUserMessage("hello from the sdk").maxCompletionTokens(maxTokens);
  }

  @Test
  void sdk_nonStreamingChat_readsMessageAndUsage() {
    ChatCompletion c = client.chat().completions().create(params(3).build());

    assertThat(c.model()).isEqualTo("gpt-sim");
    assertThat(c.choices().get(0).message().content()).hasValue("the quick brown");
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(3);
    assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(7);
  }

  @Test
  void sdk_streamingChatWithUsage_readsEveryTokenAndFinalUsage() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        params(4).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      stream.stream().forEach(chunks::add);
    }

    StringBuilder text = new StringBuilder();
    chunks.forEach(ch -> ch.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
    assertThat(text.toString()).isEqualTo("the quick brown fox");
    assertThat(chunks.getLast().choices()).isEmpty();
    assertThat(chunks.getLast().usage().orElseThrow().totalTokens()).isEqualTo(7 + 4);
  }

  @Test
  void sdk_errors_mapToTypedExceptions() {
    sim.faults().set(Faults.none().withNext(FaultKind.HTTP_429, 1));
    assertThatThrownBy(() -> client.chat().completions().create(params(2).build())).isInstanceOf(RateLimitException.class);

    assertThatThrownBy(() -> client.chat().completions().create(params(100).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).hasValue("context_length_exceeded"));
  }
}
