package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each invalid config gives exactly the expected problem: file, line, path, what is wrong and the fix. */
class InvalidConfigTest {
  private static final Path NAME = Path.of("switchboard.yaml");
  private static final String ENDPOINTS = """
      endpoints:
        - {id: vllm-1, url: 'http://127.0.0.1:9000/v1'}
        - {id: vllm-2, url: 'http://127.0.0.1:9001/v1'}
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("yaml syntax", "server: {host: 127.0.0.1\nendpoints: []\n", "switchboard.yaml:2:10: not valid YAML"),
        bad("unknown top-level key", ENDPOINTS + "group: []\n",
            "switchboard.yaml:4:1: group: unknown key 'group'; did you mean 'groups'? (known: auth, endpoints, groups, server)"),
        bad("typo in server key", "server: {prot: 80}\n" + ENDPOINTS,
            "switchboard.yaml:1:10: server.prot: unknown key 'prot'; did you mean 'port'? (known: admin_token, host, max_body_bytes, port)"),
        bad("port not a number", "server: {port: http}\n" + ENDPOINTS,
            "switchboard.yaml:1:16: server.port: expected a whole number, got 'http'; write e.g. 8080"),
        bad("port out of range", "server: {port: 70000}\n" + ENDPOINTS,
            "switchboard.yaml:1:10: server.port: port 70000 is out of range; use 1-65535 (or 0 for any free port)"),
        bad("body size unparsable", "server: {max_body_bytes: 4 lots}\n" + ENDPOINTS,
            "switchboard.yaml:1:26: server.max_body_bytes: expected a size, got '4 lots'; write a number of bytes or a size such as 4MiB, 512KiB, 1GB"),
        bad("server not a mapping", "server: 8080\n" + ENDPOINTS,
            "switchboard.yaml:1:9: server: expected a mapping, got 8080; write it as {host: ..., port: ...}"),
        bad("no endpoints", "groups: []\n",
            "switchboard.yaml:1:1: endpoints: no endpoints; add an endpoints list with at least one endpoint (see examples/switchboard.yaml)"),
        bad("endpoint without id", "endpoints:\n  - {url: 'http://127.0.0.1:1/v1'}\n",
            "switchboard.yaml:2:5: endpoints[0].id: missing required key 'id'; add it, e.g. id: vllm-1"),
        bad("duplicate endpoint id", "endpoints:\n  - {id: a, url: 'http://h:1/v1'}\n  - {id: a, url: 'http://h:2/v1'}\n",
            "switchboard.yaml:3:6: endpoints[1].id: duplicate endpoint id 'a' (also endpoints[0]); give each endpoint a unique id"),
        bad("url not http", "endpoints:\n  - {id: a, url: 'ftp://h/v1'}\n",
            "switchboard.yaml:2:13: endpoints[0].url: URL 'ftp://h/v1' is not http or https; write e.g. http://127.0.0.1:9000/v1"),
        bad("url unparsable", "endpoints:\n  - {id: a, url: 'http://h:1/v 1'}\n",
            "switchboard.yaml:2:18: endpoints[0].url: not a valid URL: Illegal character in path at index 12: http://h:1/v 1; write e.g. http://127.0.0.1:9000/v1"),
        bad("unknown kind", "endpoints:\n  - {id: a, url: 'http://h:1/v1', kind: anthropic}\n",
            "switchboard.yaml:2:35: endpoints[0].kind: unknown kind 'anthropic'; use one of: openai (any OpenAI-compatible server, e.g. vLLM, SGLang, Ollama)"),
        bad("zero weight", "endpoints:\n  - {id: a, url: 'http://h:1/v1', weight: 0}\n",
            "switchboard.yaml:2:35: endpoints[0].weight: must be at least 1, got 0; write e.g. weight: 1"),
        bad("duration without unit", "endpoints:\n  - {id: a, url: 'http://h:1/v1', timeouts: {connect: 5}}\n",
            "switchboard.yaml:2:55: endpoints[0].timeouts.connect: expected a duration, got 5; add a unit: 5s or 5ms"),
        bad("unknown endpoint in group", ENDPOINTS + "groups:\n  - {model: m, endpoints: [vllm-1, vllm-2, vllm-3]}\n",
            "switchboard.yaml:5:44: groups[0].endpoints[2]: unknown endpoint 'vllm-3'; did you mean 'vllm-1'? define it under endpoints or remove it (known: vllm-1, vllm-2)"),
        bad("unknown strategy", ENDPOINTS + "groups:\n  - {model: m, endpoints: [vllm-1], strategy: least-outstandin}\n",
            "switchboard.yaml:5:37: groups[0].strategy: unknown strategy 'least-outstandin'; did you mean 'least-outstanding'? use one of: round-robin, weighted-round-robin, least-outstanding, power-of-two, random, vllm-dp, consistent-hash"),
        bad("unknown tokenizer", ENDPOINTS + "groups:\n  - {model: m, endpoints: [vllm-1], tokenizer: o200k}\n",
            "switchboard.yaml:5:37: groups[0].tokenizer: unknown tokenizer 'o200k'; use one of: cl100k_base, o200k_base, p50k_base, r50k_base, or remove it to estimate prompt tokens from the body's size"),
        bad("misspelt tokenizer", ENDPOINTS + "groups:\n  - {model: m, endpoints: [vllm-1], tokenizer: cl100k_bas}\n",
            "switchboard.yaml:5:37: groups[0].tokenizer: unknown tokenizer 'cl100k_bas'; did you mean 'cl100k_base'? use one of"),
        bad("duplicate group model", ENDPOINTS + "groups:\n  - {model: m, endpoints: [vllm-1]}\n  - {model: m, endpoints: [vllm-2]}\n",
            "switchboard.yaml:6:6: groups[1].model: duplicate model 'm' (also groups[0]); merge the two groups' endpoints into one group"),
        bad("glob shadowed by earlier glob", ENDPOINTS + "groups:\n  - {model: 'fb-*', endpoints: [vllm-1]}\n  - {model: 'fb-llama-*', endpoints: [vllm-2]}\n",
            "switchboard.yaml:6:6: groups[1].model: pattern 'fb-llama-*' is never used: every name it matches is matched first by 'fb-*' (groups[0]); move this group above groups[0], or remove it"),
        bad("model with whitespace", ENDPOINTS + "groups:\n  - {model: 'llama 8b', endpoints: [vllm-1]}\n",
            "switchboard.yaml:5:6: groups[0].model: model 'llama 8b' contains whitespace; write the name clients send, e.g. llama-8b"),
        bad("negative queue size", ENDPOINTS + "groups:\n  - {model: m, endpoints: [vllm-1], queue: {size: -1}}\n",
            "switchboard.yaml:5:45: groups[0].queue.size: must be 0 or more, got -1; write e.g. 128 (0: reject at once)"),
        bad("group endpoints not a list", ENDPOINTS + "groups:\n  - {model: m, endpoints: vllm-1}\n",
            "switchboard.yaml:5:27: groups[0].endpoints: expected a list, got 'vllm-1'; write it as [vllm-1, vllm-2]"),
        bad("duplicate key", "endpoints:\n  - id: a\n    url: 'http://h:1/v1'\n    id: b\n",
            "switchboard.yaml:4:5: endpoints[0].id: duplicate key 'id' (first at line 2); keep one of them"),
        bad("secret with both env and file", "server: {admin_token: {env: A, file: b}}\n" + ENDPOINTS,
            "switchboard.yaml:1:23: server.admin_token: a secret needs exactly one of 'env' or 'file'; write {env: NAME} or {file: /run/secrets/name}"),
        bad("two documents", ENDPOINTS + "---\nserver: {}\n",
            "switchboard.yaml:5:1: more than one YAML document ('---'); keep the whole configuration in one document"),
        bad("root is a list", "- a\n- b\n",
            "switchboard.yaml:1:1: expected a mapping, got a list; write it as a mapping with server, auth, endpoints and groups"),
        bad("empty file", "", "switchboard.yaml: the file is empty; start from examples/switchboard.yaml"));
  }

  private static Arguments bad(String name, String yaml, String expected) { return Arguments.of(name, yaml, expected); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidConfig_reportsExactlyTheExpectedProblem(String name, String yaml, String expected) {
    LoadResult r = ConfigLoader.parse(yaml, NAME, Map.<String, String>of()::get);

    assertThat(r.isValid()).isFalse();
    assertThat(r.problems()).singleElement().asString().startsWith(expected);
  }

  @Test
  void severalMissingKeys_inOneMapping_areEachReported() {
    LoadResult r = ConfigLoader.parse("endpoints: [{kind: openai}]\nauth: {keys: [{}]}\n", NAME);

    assertThat(r.problems()).extracting(ConfigProblem::path)
        .containsExactly("endpoints[0].id", "endpoints[0].url", "auth.keys[0].name", "auth.keys[0].key");
  }

  @Test
  void endpointThatIsNotAMapping_isOneProblem_notAlsoMissingKeys() {
    LoadResult r = ConfigLoader.parse("endpoints: [vllm-1]\n", NAME);

    assertThat(r.problems()).singleElement().asString()
        .startsWith("switchboard.yaml:1:13: endpoints[0]: expected a mapping, got 'vllm-1'");
  }

  @Test
  void manyProblems_areAllReported_inFileOrder() {
    LoadResult r = ConfigLoader.parse("""
        server: {port: -1, hots: 0.0.0.0}
        endpoints:
          - {id: a, url: 'http://127.0.0.1:1/v1', max_concurrent: 0}
          - {id: a, url: 'gopher://h/v1'}
        groups:
          - {model: m, endpoints: [a, b], strategy: fastest}
        """, NAME);

    assertThat(r.problems()).extracting(ConfigProblem::path).containsExactly(
        "server.port", "server.hots", "endpoints[0].max_concurrent", "endpoints[1].id", "endpoints[1].url",
        "groups[0].endpoints[1]", "groups[0].strategy");
    assertThatThrownBy(r::orElseThrow).isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid configuration (7 problems):\n  switchboard.yaml:1:10: server.port: port -1 is out of range");
  }
}
