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

  static Stream<Arguments> cases() {
    return Stream.of(
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
