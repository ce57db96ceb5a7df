package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.switchboard.core.resilience.RetryDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The failure-handling keys of endpoints and groups: how they map, their defaults, and their problems. */
class ResilienceConfigTest {
  private static final Path NAME = Path.of("switchboard.yaml");
  private static final String ENDPOINTS = """
      endpoints:
        - {id: a, url: 'http://127.0.0.1:9000/v1'}
        - {id: b, url: 'http://127.0.0.1:9001/v1'}
      """;

  @Test
  void parse_everyResilienceKey_mapsToRecords() {
    GatewayConfig c = ConfigLoader.parse("""
        endpoints:
          - id: a
            url: http://127.0.0.1:9000/v1
            failure_tolerance: {allowed_failures_per_minute: 2, cooldown: 10s, failure_status_codes: [500, 503], half_open_probes: 2}
            limits: {rpm: 60, tpm: 100000}
            health_check: {path: /health, interval: 5s, timeout: 1s, healthy_threshold: 1, unhealthy_threshold: 2}
            slow_start: 10s
          - {id: b, url: 'http://127.0.0.1:9001/v1'}
        groups:
          - model: small
            endpoints: [a]
            retry: {attempts: 4, backoff_base: 10ms, backoff_cap: 1s, deadline: 30s, budget_ratio: 0.5, content_policy: fallback}
            fallbacks: [big]
            context_fallback: big
            stream: {hold_first_token_bytes: 16KiB, hold_first_token_timeout: 5s, continue_on_failure: true}
          - {model: big, endpoints: [b]}
        """, NAME).orElseThrow();

    EndpointConfig a = c.endpoints().getFirst();
    assertThat(a.failureTolerance()).isEqualTo(new FailureToleranceConfig(2, Duration.ofSeconds(10), List.of(500, 503), 2));
    assertThat(a.limits()).isEqualTo(new UsageLimitsConfig(60, 100_000));
    assertThat(a.healthCheck()).isEqualTo(new HealthCheckConfig("/health", Duration.ofSeconds(5), Duration.ofSeconds(1), 1, 2));
    assertThat(a.slowStart()).isEqualTo(Duration.ofSeconds(10));
    GroupConfig g = c.groups().getFirst();
    assertThat(g.retry()).isEqualTo(new RetryConfig(4, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5, "fallback"));
    assertThat(g.retry().toPolicy().contentPolicy()).isEqualTo(RetryDecision.FALLBACK_GROUP);
    assertThat(g.fallbacks()).containsExactly("big");
    assertThat(g.contextFallback()).isEqualTo("big");
    assertThat(g.stream()).isEqualTo(new StreamConfig(16 * 1024, Duration.ofSeconds(5), true));
    assertThat(g.hedge()).isNull();
  }

  @Test
  void parse_noResilienceKeys_getsDocumentedDefaults() {
    GatewayConfig c = ConfigLoader.parse(ENDPOINTS + "groups: [{model: m, endpoints: [a]}]\n", NAME).orElseThrow();

    EndpointConfig a = c.endpoints().getFirst();
    assertThat(a.failureTolerance()).isEqualTo(new FailureToleranceConfig(5, Duration.ofSeconds(30), List.of(500, 502, 503, 504), 1));
    assertThat(a.limits()).isEqualTo(UsageLimitsConfig.NONE);
    assertThat(a.healthCheck()).isNull();
    assertThat(a.slowStart()).isEqualTo(Duration.ofSeconds(30));
    GroupConfig g = c.groups().getFirst();
    assertThat(g.retry()).isEqualTo(new RetryConfig(3, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMinutes(5), 0.2));
    assertThat(g.retry().toPolicy().contentPolicy()).isEqualTo(RetryDecision.RETURN);
    assertThat(g.fallbacks()).isEmpty();
    assertThat(g.contextFallback()).isNull();
    assertThat(g.stream()).isEqualTo(new StreamConfig(65536, Duration.ofSeconds(30), false));
  }

  @Test
  void parse_hedge_mapsToItsRecordWithoutWarnings() {
    LoadResult r = ConfigLoader.parse(ENDPOINTS + "groups: [{model: m, endpoints: [a, b], hedge: {delay: 2s, max_share: 0.1}}]\n", NAME);

    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.orElseThrow().groups().getFirst().hedge()).isEqualTo(new HedgeConfig(Duration.ofSeconds(2), 0.1));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("429 as a failure status", "endpoints:\n  - {id: a, url: 'http://h:1/v1', failure_tolerance: {failure_status_codes: [500, 429]}}\n",
            "endpoints[0].failure_tolerance.failure_status_codes[1]: 429 cannot count as a failure; remove it"),
        bad("not a status", "endpoints:\n  - {id: a, url: 'http://h:1/v1', failure_tolerance: {failure_status_codes: [5000]}}\n",
            "endpoints[0].failure_tolerance.failure_status_codes[0]: 5000 is not an HTTP status"),
        bad("zero breaker cooldown", "endpoints:\n  - {id: a, url: 'http://h:1/v1', failure_tolerance: {cooldown: 0}}\n",
            "endpoints[0].failure_tolerance.cooldown: must be longer than zero, got 0s"),
        bad("unknown tolerance key", "endpoints:\n  - {id: a, url: 'http://h:1/v1', failure_tolerance: {cooldwn: 3s}}\n",
            "endpoints[0].failure_tolerance.cooldwn: unknown key 'cooldwn'; did you mean 'cooldown'?"),
        bad("negative rpm", "endpoints:\n  - {id: a, url: 'http://h:1/v1', limits: {rpm: -1}}\n",
            "endpoints[0].limits.rpm: must be 0 or more, got -1"),
        bad("health path without slash", "endpoints:\n  - {id: a, url: 'http://h:1/v1', health_check: {path: health}}\n",
            "endpoints[0].health_check.path: path 'health' does not start with /"),
        bad("zero attempts", ENDPOINTS + "groups: [{model: m, endpoints: [a], retry: {attempts: 0}}]\n",
            "groups[0].retry.attempts: must be at least 1, got 0"),
        bad("cap below base", ENDPOINTS + "groups: [{model: m, endpoints: [a], retry: {backoff_base: 1s, backoff_cap: 100ms}}]\n",
            "groups[0].retry.backoff_cap: is shorter than backoff_base (1s)"),
        bad("budget ratio above one", ENDPOINTS + "groups: [{model: m, endpoints: [a], retry: {budget_ratio: 2}}]\n",
            "groups[0].retry.budget_ratio: must be between 0 and 1, got 2.0"),
        bad("unknown fallback", ENDPOINTS + "groups: [{model: m, endpoints: [a], fallbacks: [nope]}]\n",
            "groups[0].fallbacks[0]: no group serves model 'nope'"),
        bad("fallback to itself", ENDPOINTS + "groups: [{model: m, endpoints: [a], fallbacks: [m]}]\n",
            "groups[0].fallbacks[0]: the group falls back to itself"),
        bad("unknown context fallback", ENDPOINTS + "groups: [{model: m, endpoints: [a], context_fallback: huge}]\n",
            "groups[0].context_fallback: no group serves model 'huge'"),
        bad("unknown content policy", ENDPOINTS + "groups: [{model: m, endpoints: [a], retry: {content_policy: fallbak}}]\n",
            "groups[0].retry.content_policy: unknown content policy 'fallbak'; did you mean 'fallback'? use one of: return, retry_elsewhere, fallback"),
        bad("content policy fallback without fallbacks", ENDPOINTS + "groups: [{model: m, endpoints: [a], retry: {content_policy: fallback}}]\n",
            "groups[0].retry.content_policy: 'fallback' sends a refused request to the group's first fallback, but the group has none"),
        bad("hedge share above one", ENDPOINTS + "groups: [{model: m, endpoints: [a, b], hedge: {delay: 1s, max_share: 1.5}}]\n",
            "groups[0].hedge.max_share: must be above 0 and at most 1, got 1.5"),
        bad("continue on failure not a boolean", ENDPOINTS + "groups: [{model: m, endpoints: [a], stream: {continue_on_failure: maybe}}]\n",
            "groups[0].stream.continue_on_failure"));
  }

  private static Arguments bad(String name, String yaml, String expected) { return Arguments.of(name, yaml, expected); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidResilienceConfig_reportsTheProblemAtItsPath(String name, String yaml, String expected) {
    LoadResult r = ConfigLoader.parse(yaml, NAME, Map.<String, String>of()::get);

    assertThat(r.problems()).singleElement().asString().contains(expected);
  }

  @Test
  void fallbackToAModelOnlyEndpointsServe_isValid() {
    LoadResult r = ConfigLoader.parse("""
        endpoints:
          - {id: a, url: 'http://h:1/v1', models: [small]}
          - {id: b, url: 'http://h:2/v1', models: [big]}
        groups:
          - {model: small, endpoints: [a], fallbacks: [big], context_fallback: big}
        """, NAME);

    assertThat(r.problems()).isEmpty();
  }
}
