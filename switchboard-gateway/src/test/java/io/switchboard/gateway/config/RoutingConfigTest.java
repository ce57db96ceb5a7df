package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.AdmissionPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The routing keys of groups and endpoints (queue order and objectives, engine scraping, profiles, pipelines). */
class RoutingConfigTest {
  private static final Path NAME = Path.of("switchboard.yaml");
  private static final String ENDPOINTS = """
      endpoints:
        - {id: a, url: 'http://127.0.0.1:9000/v1'}
      """;

  @Test
  void parse_queueOrderAgingAndShedding_mapToTheAdmissionPolicy() {
    GatewayConfig c = ConfigLoader.parse(ENDPOINTS + """
        groups:
          - {model: m, endpoints: [a], queue: {size: 64, timeout: 5s, order: sejf, aging: 500, shed_below_priority: 1}}
        """, NAME).orElseThrow();

    GroupConfig g = c.groups().getFirst();
    assertThat(g.admission()).isEqualTo(new AdmissionConfig("sejf", 500, 1));
    assertThat(g.admission().toPolicy(g.queueSize()))
        .isEqualTo(new AdmissionPolicy(64, AdmissionPolicy.Order.SEJF, 500, 1));
  }

  @Test
  void parse_noQueueKeys_isFifoWithTheDefaultAging_andShedsOnlyNegativeClasses() {
    GatewayConfig c = ConfigLoader.parse(ENDPOINTS + "groups: [{model: m, endpoints: [a]}]\n", NAME).orElseThrow();

    assertThat(c.groups().getFirst().admission()).isEqualTo(AdmissionConfig.DEFAULT);
    assertThat(AdmissionConfig.DEFAULT.toPolicy(1).holds(0)).isTrue();
    assertThat(AdmissionConfig.DEFAULT.toPolicy(1).holds(-1)).isFalse();
  }

  @Test
  void parse_sejfWithoutAging_warnsThatLongRequestsMayStarve() {
    LoadResult r = ConfigLoader.parse(ENDPOINTS + "groups: [{model: m, endpoints: [a], queue: {order: sejf, aging: 0}}]\n", NAME);

    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings()).singleElement().asString().contains("groups[0].queue.aging: sejf without aging");
  }

  @Test
  void parse_endpointMetricsContextWindowAndLabels_mapToRecords() {
    GatewayConfig c = ConfigLoader.parse("""
        endpoints:
          - id: a
            url: http://127.0.0.1:9000/v1
            metrics: {path: /metrics, interval: 2s, timeout: 300ms}
            context_window: 32768
            labels: {region: eu, tier: gpu}
          - {id: b, url: 'http://127.0.0.1:9001/v1', metrics: {}}
          - {id: c, url: 'http://127.0.0.1:9002/v1'}
        groups: [{model: m, endpoints: [a, b, c]}]
        """, NAME).orElseThrow();

    EndpointConfig a = c.endpoints().get(0);
    assertThat(a.metrics()).isEqualTo(new EngineMetricsConfig("/metrics", java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(300)));
    assertThat(a.contextWindow()).isEqualTo(32768);
    assertThat(a.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("region", "eu", "tier", "gpu"));
    assertThat(c.endpoints().get(1).metrics()).isEqualTo(new EngineMetricsConfig(EngineMetricsConfig.DEFAULT_PATH,
        EngineMetricsConfig.DEFAULT_INTERVAL, EngineMetricsConfig.DEFAULT_TIMEOUT));
    assertThat(c.endpoints().get(2).metrics()).isNull();
    assertThat(c.endpoints().get(2).contextWindow()).isZero();
    assertThat(c.endpoints().get(2).labels()).isEmpty();
  }

  @Test
  void parse_pipelineWrittenOut_mapsToAPipelineSpec() {
    GatewayConfig c = ConfigLoader.parse(ENDPOINTS + """
        groups:
          - model: m
            endpoints: [a]
            pipeline:
              name: eu-first
              filters: [available, labels]
              scorers: [predicted-latency, {name: token-load, weight: 2}]
              picker: softmax
              params: {labels: region=eu, temperature: 0.1}
        """, NAME).orElseThrow();

    assertThat(c.groups().getFirst().pipeline()).isEqualTo(new io.switchboard.core.pipeline.PipelineSpec("eu-first",
        java.util.List.of("available", "labels"), java.util.List.of(
            new io.switchboard.core.pipeline.PipelineSpec.ScorerSpec("predicted-latency", 1),
            new io.switchboard.core.pipeline.PipelineSpec.ScorerSpec("token-load", 2)),
        "softmax", Map.of("labels", "region=eu", "temperature", "0.1")));
  }

  @Test
  void parse_strategyInTextPipelineForm_isAccepted() {
    LoadResult r = ConfigLoader.parse(ENDPOINTS
        + "groups: [{model: m, endpoints: [a], strategy: 'pipeline/scorers=token-load*2+predicted-latency/picker=max'}]\n", NAME);

    assertThat(r.problems()).isEmpty();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("unknown scorer in a pipeline", ENDPOINTS + "groups: [{model: m, endpoints: [a], pipeline: {scorers: [token-lod]}}]\n",
            "groups[0].pipeline: "),
        bad("strategy and pipeline", ENDPOINTS + "groups: [{model: m, endpoints: [a], strategy: smart, pipeline: {scorers: [token-load]}}]\n",
            "groups[0].pipeline: a group has either a strategy or a pipeline, not both"),
        bad("unknown picker in text form", ENDPOINTS + "groups: [{model: m, endpoints: [a], strategy: 'pipeline/picker=best'}]\n",
            "groups[0].strategy: "),
        bad("metrics path without slash", "endpoints:\n  - {id: a, url: 'http://h:1/v1', metrics: {path: metrics}}\n",
            "endpoints[0].metrics.path: path 'metrics' does not start with /"),
        bad("zero metrics interval", "endpoints:\n  - {id: a, url: 'http://h:1/v1', metrics: {interval: 0s}}\n",
            "endpoints[0].metrics.interval: must be longer than zero"),
        bad("negative context window", "endpoints:\n  - {id: a, url: 'http://h:1/v1', context_window: -1}\n",
            "endpoints[0].context_window: must be 0 or more tokens, got -1"),
        bad("labels as a list", "endpoints:\n  - {id: a, url: 'http://h:1/v1', labels: [eu]}\n",
            "endpoints[0].labels: expected a mapping, got a list"),
        bad("label with an ampersand", "endpoints:\n  - {id: a, url: 'http://h:1/v1', labels: {region: 'eu&us'}}\n",
            "endpoints[0].labels.region: label keys may not be empty"),
        bad("unknown order", ENDPOINTS + "groups: [{model: m, endpoints: [a], queue: {order: lifo}}]\n",
            "groups[0].queue.order: unknown order 'lifo'; use fifo"),
        bad("negative aging", ENDPOINTS + "groups: [{model: m, endpoints: [a], queue: {aging: -1}}]\n",
            "groups[0].queue.aging: must be 0 or more tokens per second, got -1.0"),
        bad("unknown queue key", ENDPOINTS + "groups: [{model: m, endpoints: [a], queue: {ordre: fifo}}]\n",
            "groups[0].queue.ordre: unknown key 'ordre'; did you mean 'order'?"));
  }

  private static Arguments bad(String name, String yaml, String expected) { return Arguments.of(name, yaml, expected); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidRoutingConfig_reportsTheProblemAtItsPath(String name, String yaml, String expected) {
    LoadResult r = ConfigLoader.parse(yaml, NAME, Map.<String, String>of()::get);

    assertThat(r.problems()).singleElement().asString().contains(expected);
  }
}
