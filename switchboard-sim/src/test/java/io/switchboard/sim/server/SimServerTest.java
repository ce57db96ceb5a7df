package io.switchboard.sim.server;

import static io.switchboard.sim.server.SimHttp.chat;
import static io.switchboard.sim.server.SimHttp.dataEvents;
import static io.switchboard.sim.server.SimHttp.json;
import static io.switchboard.sim.server.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.sim.Engines;
import io.switchboard.sim.FixedSpeedEngine;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimServerTest {
  private static Vertx vertx;
  private SimServer sim;

  @BeforeAll
  static void startVertx() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void startServer() {
    sim = SimServer.start(vertx, SimServerOptions.defaults().withDefaultMaxTokens(4).withMaxContextTokens(100)
        .withEngineFactory(() -> FixedSpeedEngine.ofMillis(2, 1))).await();
  }

  @AfterEach
  void stopServer() {
    sim.close().await();
  }

  private String url(String path) {
    return sim.baseUrl() + path;
  }

  @Test
  void chatCompletion_nonStreaming_returnsMaxTokensWithUsageAndEchoesModel() {
    HttpResponse<String> r = post(url("/v1/chat/completions"), chat(5, false, ""));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r.body());
    assertThat(body.path("object").asString()).isEqualTo("chat.completion");
    assertThat(body.path("model").asString()).isEqualTo("test-model");
    assertThat(body.path("id").asString()).startsWith("chatcmpl-");
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asString()).isEqualTo("the quick brown fox jumps");
    assertThat(choice.path("finish_reason").asString()).isEqualTo("length");
    // BOS + <|user|> + 3 words + <|assistant|>
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(11);
    assertThat(body.path("usage").path("prompt_tokens_details").path("cached_tokens").isInt()).isTrue();
    assertThat(sim.counters()).isEqualTo(new SimCounters(1, 0, 1, 0, 0, 0, 0));
  }

  @Test
  void chatCompletion_streaming_sendsOneChunkPerTokenThenFinishAndDone() {
    HttpResponse<String> r = post(url("/v1/chat/completions"), chat(3, true, ""));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> events = dataEvents(r.body());
    assertThat(events).hasSize(5).last().isEqualTo("[DONE]");
    JsonNode first = json(events.get(0));
    assertThat(first.path("object").asString()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("model").asString()).isEqualTo("test-model");
    assertThat(first.path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
    assertThat(first.path("sim").path("engine_ns").asLong()).isPositive();
    StringBuilder text = new StringBuilder();
    for (String e : events.subList(0, 3)) text.append(json(e).path("choices").get(0).path("delta").path("content").asString());
    assertThat(text.toString()).isEqualTo("the quick brown");
    JsonNode finish = json(events.get(3));
    assertThat(finish.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
    assertThat(finish.has("usage")).isFalse(); // include_usage not asked
  }

  @Test
  void chatCompletion_streamingWithIncludeUsage_sendsUsageChunkWithoutChoicesBeforeDone() {
    HttpResponse<String> r = post(url("/v1/chat/completions"), chat(2, true, ",\"stream_options\":{\"include_usage\":true}"));

    List<String> events = dataEvents(r.body());
    assertThat(events).hasSize(5).last().isEqualTo("[DONE]");
    // OpenAI sends "usage": null on every chunk before the usage chunk.
    assertThat(json(events.get(0)).path("usage").isNull()).isTrue();
    JsonNode usageChunk = json(events.get(3));
    assertThat(usageChunk.path("choices").isArray()).isTrue();
    assertThat(usageChunk.path("choices").isEmpty()).isTrue();
    assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
    assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
  }

  @Test
  void completion_noMaxTokens_usesDefaultLengthAndFinishesWithStop() {
    HttpResponse<String> r = post(url("/v1/completions"), "{\"model\":\"m\",\"prompt\":\"once upon a time\"}");

    JsonNode body = json(r.body());
    assertThat(body.path("object").asString()).isEqualTo("text_completion");
    assertThat(body.path("choices").get(0).path("text").asString()).isEqualTo("the quick brown fox");
    assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(5); // BOS + 4 words
  }

  @Test
  void completion_streaming_sendsTextChunksAndDone() {
    HttpResponse<String> r = post(url("/v1/completions"), "{\"model\":\"m\",\"prompt\":[5,6,7],\"max_tokens\":2,\"stream\":true}");

    List<String> events = dataEvents(r.body());
    assertThat(events).hasSize(4).last().isEqualTo("[DONE]");
    assertThat(json(events.get(0)).path("choices").get(0).path("text").asString()).isEqualTo("the");
    assertThat(json(events.get(1)).path("choices").get(0).path("text").asString()).isEqualTo(" quick");
    assertThat(json(events.get(2)).path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
  }

  @Test
  void clientDisconnect_midStream_cancelsEngineRequestAtOnce() throws Exception {
    // 90 tokens at 50 ms: the request cannot finish by itself during the test.
    SimServer slow = SimServer.start(vertx, SimServerOptions.defaults().withEngineFactory(() -> FixedSpeedEngine.ofMillis(1, 50))).await();
    try {
      HttpResponse<InputStream> r = SimHttp.CLIENT.send(SimHttp.postRequest(slow.baseUrl() + "/v1/chat/completions", chat(90, true, "")),
          HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        assertThat(reader.readLine()).startsWith("data: {");
        assertThat(slow.engineStats().await().running()).isEqualTo(1);
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> slow.counters().cancelledByClient() == 1);
      assertThat(slow.engineStats().await().running()).isZero();
      assertThat(slow.counters().inFlight()).isZero();
    } finally {
      slow.close().await();
    }
  }

  @Test
  void contextTooLong_answers400ContextLengthExceeded() {
    HttpResponse<String> r = post(url("/v1/chat/completions"), chat(95, false, ""));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = json(r.body()).path("error");
    assertThat(error.path("code").asString()).isEqualTo("context_length_exceeded");
    assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asString()).contains("maximum context length is 100 tokens", "101 tokens");
  }

  @Test
  void badRequests_answerOpenAiErrorShapeWithRightStatus() {
    record Case(String method, String path, String body, int status, String param) {}
    List<Case> cases = List.of(
        new Case("POST", "/v1/chat/completions", "{not json", 400, null),
        new Case("POST", "/v1/chat/completions", "{\"messages\":[]}", 400, "messages"),
        new Case("POST", "/v1/chat/completions", chat(0, false, ",\"max_tokens\":0"), 400, "max_tokens"),
        new Case("POST", "/v1/completions", "{\"prompt\":[\"a\",\"b\"]}", 400, "prompt"),
        new Case("POST", "/v1/nope", "{}", 404, null),
        new Case("GET", "/v1/chat/completions", null, 405, null));
    for (Case c : cases) {
      HttpResponse<String> r = c.method().equals("GET") ? SimHttp.get(url(c.path())) : post(url(c.path()), c.body());
      assertThat(r.statusCode()).as(c.toString()).isEqualTo(c.status());
      JsonNode error = json(r.body()).path("error");
      assertThat(error.path("message").asString()).as(c.toString()).isNotBlank();
      assertThat(error.path("param").isNull() ? null : error.path("param").asString()).as(c.toString()).isEqualTo(c.param());
    }
  }

  @Test
  void embeddings_sameInputSameVector_differentInputDifferentVector() {
    HttpResponse<String> r = post(url("/v1/embeddings"), "{\"model\":\"e\",\"input\":[\"hello world\",\"hello world\",\"bye\"]}");

    JsonNode body = json(r.body());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode data = body.path("data");
    assertThat(data.size()).isEqualTo(3);
    assertThat(data.get(0).path("embedding").size()).isEqualTo(16);
    assertThat(data.get(0).path("embedding")).isEqualTo(data.get(1).path("embedding"));
    assertThat(data.get(0).path("embedding")).isNotEqualTo(data.get(2).path("embedding"));
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(3 + 3 + 2);
  }

  @Test
  void modelsAndHealth_answer200() {
    assertThat(SimHttp.get(url("/health")).statusCode()).isEqualTo(200);
    JsonNode models = json(SimHttp.get(url("/v1/models")).body());
    assertThat(models.path("data").get(0).path("id").asString()).isEqualTo(SimServerOptions.DEFAULT_MODEL);
  }

  @Test
  void metrics_afterARequest_exposeVllmNamesWithModelLabel() {
    post(url("/v1/chat/completions"), chat(3, false, ""));
    String text = SimHttp.get(url("/metrics")).body();

    for (String name : List.of("vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
        "vllm:prefix_cache_hits_total", "vllm:prefix_cache_queries_total", "vllm:num_preemptions_total")) {
      assertThat(text).contains(name + "{model_name=\"" + SimServerOptions.DEFAULT_MODEL + "\"}");
    }
    for (String h : List.of("vllm:time_to_first_token_seconds", "vllm:time_per_output_token_seconds", "vllm:e2e_request_latency_seconds")) {
      assertThat(text).contains("# TYPE " + h + " histogram", h + "_count{model_name=\"" + SimServerOptions.DEFAULT_MODEL + "\"} 1.0");
    }
    assertThat(text).contains("vllm:generation_tokens_total{model_name=\"sim-llama-3.1-8b\"} 3.0");
    assertThat(text).doesNotContain("vllm:cache_config_info"); // a fixed-speed engine models no KV cache
  }

  @Test
  void metrics_ofACalibratedEngine_stateItsKvCacheSizeAsVllmDoes() {
    SimServer a100 = SimServer.start(vertx, SimServerOptions.defaults().withEngineFactory(Engines.forGpu("a100-40"))).await();
    try {
      assertThat(SimHttp.get(a100.baseUrl() + "/metrics").body())
          .contains("vllm:cache_config_info{block_size=\"16\",enable_prefix_caching=\"True\",num_gpu_blocks=\"9420\"} 1.0");
    } finally {
      a100.close().await();
    }
  }
}
