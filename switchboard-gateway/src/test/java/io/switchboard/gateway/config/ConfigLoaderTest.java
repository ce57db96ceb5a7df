package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.AuthConfig.ApiKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path NAME = Path.of("switchboard.yaml");

  @TempDir Path dir;

  @Test
  void parse_fullExample_mapsEveryKeyToRecords() throws Exception {
    Files.writeString(dir.resolve("ci-key"), "  sk-ci-123\n");
    String yaml = """
        server: {host: 0.0.0.0, port: 9090, max_body_bytes: 8MiB, admin_token: {env: ADMIN}}
        auth:
          keys:
            - {name: team-a, key: {env: TEAM_A_KEY}}
            - {name: ci, key: {file: ci-key}}
            - {name: local, key: sk-local-dev}
        endpoints:
          - id: vllm-1
            url: http://127.0.0.1:9000/v1/
            kind: openai
            api_key: {env: VLLM_API_KEY}
            models: {llama-8b: meta-llama/Llama-3.1-8B-Instruct}
            weight: 3
            max_concurrent: 64
            timeouts: {connect: 2s, first_byte: 1m30s, idle: 500ms, total: 10m}
          - id: vllm-2
            url: https://vllm-2.internal:8443/v1
        groups:
          - model: llama-8b
            endpoints: [vllm-1, vllm-2]
            strategy: power-of-two
            queue: {size: 256, timeout: 5s}
          - model: "fb-*"
            endpoints: [vllm-1]
        """;
    Map<String, String> env = Map.of("ADMIN", "adm", "TEAM_A_KEY", "sk-a", "VLLM_API_KEY", "sk-v");

    GatewayConfig c = ConfigLoader.parse(yaml, dir.resolve("switchboard.yaml"), env::get).orElseThrow();

    assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 9090, 8L << 20, new Secret("adm", "env ADMIN")));
    assertThat(c.auth().keys()).containsExactly(
        new ApiKey("team-a", new Secret("sk-a", "env TEAM_A_KEY")),
        new ApiKey("ci", new Secret("sk-ci-123", "file " + dir.resolve("ci-key"))),
        new ApiKey("local", new Secret("sk-local-dev", "inline")));
    assertThat(c.endpoints()).containsExactly(
        new EndpointConfig("vllm-1", URI.create("http://127.0.0.1:9000/v1"), "openai", new Secret("sk-v", "env VLLM_API_KEY"),
            Map.of("llama-8b", "meta-llama/Llama-3.1-8B-Instruct"), 3, 64,
            new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(90), Duration.ofMillis(500), Duration.ofMinutes(10))),
        new EndpointConfig("vllm-2", URI.create("https://vllm-2.internal:8443/v1"), "openai", null, Map.of(), 1,
            Integer.MAX_VALUE, Timeouts.DEFAULT));
    assertThat(c.groups()).containsExactly(
        new GroupConfig("llama-8b", List.of("vllm-1", "vllm-2"), "power-of-two", 256, Duration.ofSeconds(5)),
        new GroupConfig("fb-*", List.of("vllm-1"), "least-outstanding", 128, Duration.ofSeconds(30)));
  }

  @Test
  void parse_minimalConfig_appliesDocumentedDefaults() {
    GatewayConfig c = ConfigLoader.parse("endpoints: [{id: a, url: 'http://127.0.0.1:9000/v1'}]\n"
        + "groups: [{model: m, endpoints: [a]}]", NAME).orElseThrow();

    assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080, 4L * 1024 * 1024, null));
    assertThat(c.auth()).isEqualTo(AuthConfig.OPEN);
    EndpointConfig e = c.endpoints().getFirst();
    assertThat(e.kind()).isEqualTo("openai");
    assertThat(e.weight()).isEqualTo(1);
    assertThat(e.maxConcurrent()).isEqualTo(Integer.MAX_VALUE);
    assertThat(e.timeouts()).isEqualTo(Timeouts.DEFAULT);
    assertThat(c.groups().getFirst())
        .isEqualTo(new GroupConfig("m", List.of("a"), "least-outstanding", 128, Duration.ofSeconds(30)));
  }

  @Test
  void parse_modelServedByEndpointsButNoGroup_getsImplicitGroupOfThoseEndpoints() {
    GatewayConfig c = ConfigLoader.parse("""
        endpoints:
          - {id: a, url: 'http://127.0.0.1:1/v1', models: {llama: meta/llama, qwen: q}}
          - {id: b, url: 'http://127.0.0.1:2/v1', models: [llama]}
        groups:
          - {model: "q*", endpoints: [a]}
        """, NAME).orElseThrow();

    // qwen is matched by the written glob, so only llama gets a group of its own.
    assertThat(c.groups()).extracting(GroupConfig::model).containsExactly("q*", "llama");
    assertThat(c.groups().get(1).endpoints()).containsExactly("a", "b");
    assertThat(c.endpoints().get(1).models()).isEqualTo(Map.of("llama", "llama"));
  }

  @Test
  void parse_groupWithoutEndpointList_isServedByEndpointsNamingItsModel() {
    GatewayConfig c = ConfigLoader.parse("""
        endpoints:
          - {id: a, url: 'http://127.0.0.1:1/v1', models: [llama]}
          - {id: b, url: 'http://127.0.0.1:2/v1'}
          - {id: c, url: 'http://127.0.0.1:3/v1', models: [llama]}
        groups: [{model: llama, strategy: round-robin}]
        """, NAME).orElseThrow();

    assertThat(c.groups()).singleElement().satisfies(g -> assertThat(g.endpoints()).containsExactly("a", "c"));
  }

  @Test
  void parse_anchorsAndAliases_areReplayed() {
    GatewayConfig c = ConfigLoader.parse("""
        endpoints:
          - {id: a, url: 'http://127.0.0.1:1/v1', timeouts: &slow {connect: 1s, total: 1h}}
          - {id: b, url: 'http://127.0.0.1:2/v1', timeouts: *slow}
        groups: [{model: m, endpoints: [a, b]}]
        """, NAME).orElseThrow();

    assertThat(c.endpoints().get(1).timeouts()).isEqualTo(c.endpoints().get(0).timeouts());
    assertThat(c.endpoints().get(1).timeouts().total()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void secretFromEnvironment_resolvesFromProcessEnvironment_andNeverShowsInToString() {
    String path = System.getenv("PATH");
    GatewayConfig c = ConfigLoader.parse("""
        server: {admin_token: {env: PATH}}
        endpoints: [{id: a, url: 'http://127.0.0.1:1/v1', api_key: {env: PATH}}]
        groups: [{model: m, endpoints: [a]}]
        """, NAME).orElseThrow();

    assertThat(c.server().adminToken().value()).isEqualTo(path);
    assertThat(c.endpoints().getFirst().apiKey().value()).isEqualTo(path);
    assertThat(c.endpoints().getFirst().apiKey()).hasToString("Secret(env PATH)");
    // Records print their components: the secret's toString must keep the value out of every enclosing one.
    assertThat(c.toString()).doesNotContain(path).contains("Secret(env PATH)");
  }

  @Test
  void secretFromFile_isTrimmed_andNeverShowsInToString() throws Exception {
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, "\n  sk-very-secret-value \n");
    GatewayConfig c = ConfigLoader.parse("""
        auth: {keys: [{name: ci, key: {file: %s}}]}
        endpoints: [{id: a, url: 'http://127.0.0.1:1/v1'}]
        groups: [{model: m, endpoints: [a]}]
        """.formatted(keyFile), NAME).orElseThrow();

    assertThat(c.auth().keys().getFirst().key().value()).isEqualTo("sk-very-secret-value");
    assertThat(c.toString()).doesNotContain("sk-very-secret-value");
  }

  @Test
  void secretsThatCannotBeResolved_nameTheVariableOrFile_butNeverAValue() {
    LoadResult r = ConfigLoader.parse("""
        auth:
          keys:
            - {name: a, key: {env: SWITCHBOARD_TEST_SURELY_UNSET}}
            - {name: b, key: {file: /nonexistent/switchboard/key}}
        endpoints: [{id: a, url: 'http://127.0.0.1:1/v1'}]
        groups: [{model: m, endpoints: [a]}]
        """, NAME, Map.<String, String>of()::get);

    assertThat(r.problems()).map(ConfigProblem::toString).containsExactly(
        "switchboard.yaml:3:22: auth.keys[0].key: environment variable SWITCHBOARD_TEST_SURELY_UNSET is not set; "
            + "set it in the gateway's environment, or read the secret from a file with {file: PATH}",
        "switchboard.yaml:4:22: auth.keys[1].key: secret file /nonexistent/switchboard/key does not exist; "
            + "create it, or fix the path (a relative path is read from the config file's directory)");
  }

  @Test
  void inlineSecretAndExposedHostWithoutKeys_areWarnings_notProblems() {
    LoadResult r = ConfigLoader.parse("""
        server: {host: 0.0.0.0}
        endpoints: [{id: a, url: 'http://127.0.0.1:1/v1', api_key: sk-inline}]
        groups: [{model: m, endpoints: [a]}]
        """, NAME);

    assertThat(r.isValid()).isTrue();
    assertThat(r.warnings()).map(ConfigProblem::path).containsExactly("server.host", "endpoints[0].api_key");
  }

  @Test
  void load_missingFile_isOneProblemNamingTheFile() {
    LoadResult r = ConfigLoader.load(dir.resolve("nope.yaml"));

    assertThat(r.problems()).singleElement().asString().startsWith(dir.resolve("nope.yaml") + ": file not found");
  }

  @Test
  void examplesFile_inTheRepository_isValid() {
    // Tests run in the module directory; the example is at the repository root.
    LoadResult r = ConfigLoader.load(Path.of("../examples/switchboard.yaml"), Map.<String, String>of()::get);

    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.orElseThrow().groups()).extracting(GroupConfig::model).containsExactly("llama-8b", "qwen*");
  }
}
