package io.switchboard.gateway;

import static io.switchboard.gateway.GatewayHarness.config;
import static io.switchboard.gateway.GatewayHarness.endpoint;
import static io.switchboard.gateway.GatewayHarness.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.Secret;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway makes itself, one row per case: status, OpenAI error shape and code, and that
 * nothing reached the upstream.
 */
class BadInputTest {
  private static final String KEY = "sk-test-1";
  private static final String AUTH = "Bearer " + KEY;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static Vertx vertx;
  private static TestUpstream upstream;
  private static GatewayHarness gw;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = new TestUpstream(vertx, req -> req.response().end("{}"));
    var auth = new AuthConfig(List.of(new AuthConfig.ApiKey("team-a", new Secret(KEY, "inline"))));
    gw = new GatewayHarness(vertx, config(auth, List.of(endpoint("e1", upstream.baseUrl(), 1, Map.of())),
        List.of(group("m", List.of("e1"), 0, Duration.ZERO))));
  }

  @AfterAll
  static void stop() {
    gw.close();
    upstream.close();
    vertx.close().await();
  }

  static Stream<Arguments> cases() {
    String big = "{\"model\":\"m\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
    return Stream.of(
        // name, method, path, body, authorization, status, code
        Arguments.of("missing key", "POST", "/v1/chat/completions", "{\"model\":\"m\"}", null, 401, "invalid_api_key"),
        Arguments.of("wrong key", "POST", "/v1/chat/completions", "{\"model\":\"m\"}", "Bearer sk-nope", 401, "invalid_api_key"),
        Arguments.of("not bearer", "POST", "/v1/chat/completions", "{\"model\":\"m\"}", "Basic " + KEY, 401, "invalid_api_key"),
        Arguments.of("models without key", "GET", "/v1/models", null, null, 401, "invalid_api_key"),
        Arguments.of("malformed json", "POST", "/v1/chat/completions", "{\"model\":", AUTH, 400, "invalid_json"),
        Arguments.of("not an object", "POST", "/v1/completions", "[]", AUTH, 400, "invalid_json"),
        Arguments.of("empty body", "POST", "/v1/embeddings", "", AUTH, 400, "invalid_json"),
        Arguments.of("missing model", "POST", "/v1/chat/completions", "{\"messages\":[]}", AUTH, 400, "missing_model"),
        Arguments.of("unknown model", "POST", "/v1/chat/completions", "{\"model\":\"nope\"}", AUTH, 404, "model_not_found"),
        Arguments.of("body over limit", "POST", "/v1/chat/completions", big, AUTH, 413, "request_too_large"),
        Arguments.of("wrong method", "GET", "/v1/chat/completions", null, AUTH, 405, "method_not_allowed"),
        Arguments.of("wrong method on models", "DELETE", "/v1/models", null, AUTH, 405, "method_not_allowed"),
        Arguments.of("unknown path", "POST", "/v1/nothing", "{}", AUTH, 404, "unknown_url"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gatewayError_hasStatusAndOpenAiShape_andIsNotForwarded(String name, String method, String path, String body,
                                                              String authorization, int status, String code)
      throws Exception {
    int before = upstream.seen.size();
    HttpResponse<String> resp = authorization == null
        ? gw.send(method, path, body, "content-type", "application/json")
        : gw.send(method, path, body, "content-type", "application/json", "authorization", authorization);
    assertThat(resp.statusCode()).isEqualTo(status);
    assertThat(resp.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(resp.headers().firstValue("x-request-id")).isPresent();
    JsonNode error = MAPPER.readTree(resp.body()).get("error");
    assertThat(error.get("code").asString()).isEqualTo(code);
    assertThat(error.get("message").asString()).isNotBlank();
    assertThat(error.has("type")).isTrue();
    assertThat(error.has("param")).isTrue();
    assertThat(upstream.seen.size()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gatewayError_leavesNoSlotTaken(String name, String method, String path, String body, String authorization,
                                      int status, String code) throws Exception {
    gatewayError_hasStatusAndOpenAiShape_andIsNotForwarded(name, method, path, body, authorization, status, code);
    // The only endpoint allows one request at a time: a leaked slot would make this a 503.
    HttpResponse<String> ok = gw.post("/v1/chat/completions", "{\"model\":\"m\"}", "authorization", AUTH);
    assertThat(ok.statusCode()).isEqualTo(200);
  }
}
