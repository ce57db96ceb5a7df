package io.switchboard.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.Slo;
import io.switchboard.bench.replay.Sweep;
import io.switchboard.bench.replay.ToyEngine;
import io.switchboard.bench.workload.Workloads;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {
  /** One sweep by load, shared by the shape tests: capacity search makes it the slowest to build. */
  private static Sweep.Result byLoad;

  private static synchronized Sweep.Result byLoad() {
    if (byLoad == null) byLoad = sweep(List.of(0.5, 1.0), List.of());
    return byLoad;
  }
  private static Sweep.Result sweep(List<Double> loads, List<Double> rates) {
    var w = Workloads.parse("shared-prefix:groups=4:rate=100", Workloads.tracesDir(null));
    var base = new ReplayConfig(3, "round-robin", 1, 20_000_000L, 0.1, new Slo(1, 1), 16, 40);
    // At most 8 requests at once per replica, so queues form and round-robin capacity is finite.
    return new Sweep(w, ToyEngine.factory(1_000_000, 100_000, 10_000, 8), List.of("round-robin", "least-outstanding", "prefix-only"), loads, rates, 2,
        150, base, null, 5, 100).run(line -> {});
  }

  @Test
  void reportJson_sameArguments_sameBytes() {
    Sweep.Result first = sweep(List.of(), List.of(50.0, 150.0));
    Sweep.Result second = sweep(List.of(), List.of(50.0, 150.0));
    assertThat(ReportJson.render(second)).isEqualTo(ReportJson.render(first));
    assertThat(ReportHtml.render(second)).isEqualTo(ReportHtml.render(first));
    assertThat(ReportTable.render(second)).isEqualTo(ReportTable.render(first));
  }

  @Test
  void reportJson_hasTheShapeOfIssue3() {
    JsonNode root = JsonMapper.builder().build().readTree(ReportJson.render(byLoad()));
    assertThat(root.path("workload").asString()).isEqualTo("shared-prefix:groups=4:rate=100");
    assertThat(root.path("replicas").asInt()).isEqualTo(3);
    assertThat(root.path("gpu").asString()).isEqualTo("toy");
    assertThat(root.path("hit_rate_bound").asDouble()).isBetween(0.5, 1.0);
    assertThat(root.path("capacity").path("requests_per_s").asDouble()).isPositive();
    JsonNode results = root.path("results");
    assertThat(results.size()).isEqualTo(3 * 2 * 2); // policies x loads x seeds
    JsonNode first = results.get(0);
    Set<String> keys = new TreeSet<>(first.propertyNames());
    assertThat(keys).contains("policy", "load", "seed", "ttft_ms", "tpot_ms", "itl_ms", "e2e_ms", "requests",
        "throughput_rps", "output_tokens_per_s", "goodput_rps", "slo_attainment", "prefix_hit_rate", "max_mean_load",
        "preemptions", "errors");
    for (String m : List.of("ttft_ms", "tpot_ms", "itl_ms", "e2e_ms")) {
      assertThat(new TreeSet<>(first.path(m).propertyNames())).containsExactly("mean", "p50", "p90", "p99");
    }
    assertThat(first.path("policy").asString()).isEqualTo("round-robin");
    assertThat(first.path("load").asDouble()).isEqualTo(0.5);
    assertThat(first.path("requests").asLong()).isEqualTo(135); // 150 minus the 10% warm-up
    assertThat(root.path("summary").size()).isEqualTo(3 * 2);
  }

  @Test
  void reportHtml_isSelfContained_withEveryPlot() {
    String html = ReportHtml.render(byLoad());
    assertThat(html).contains("TTFT CDF", "p99 TTFT vs load", "Goodput vs load", "hit rate vs load",
        "Requests routed per replica over time", "cache-replay bound", "<svg");
    // Self-contained: nothing fetched (the only URL is the SVG namespace, which is a name, not a request).
    assertThat(html).doesNotContain("<script", "<link", "src=", "href=", "@import", "url(");
  }

  @Test
  void table_listsEveryPolicyAndLoad() {
    String t = ReportTable.render(byLoad());
    assertThat(t.lines().filter(l -> l.startsWith("round-robin") || l.startsWith("least-outstanding") || l.startsWith("prefix-only")))
        .hasSize(3 * 2);
  }

  @Test
  void report_calibratedReplicas_carryPhysicalBoundsPerRate_andToyOnesNone() {
    var w = Workloads.parse("shared-prefix:groups=4:system=500-1000:question=32-64:output=16-32:rate=100", Workloads.tracesDir(null));
    var base = new ReplayConfig(2, "round-robin", 1, 20_000_000L, 0.1, new Slo(1, 1), 16, 40);
    var h100 = io.switchboard.bench.replay.EngineFactory.calibrated(
        io.switchboard.sim.model.GpuProfiles.builtIn().find("h100").orElseThrow());
    Sweep.Result r = new Sweep(w, h100, List.of("round-robin"), List.of(), List.of(50.0), 1, 60, base, null, 5, 60)
        .run(line -> {});
    JsonNode root = JsonMapper.builder().build().readTree(ReportJson.render(r));
    JsonNode b = root.path("bounds").get(0);
    assertThat(b.path("rate_rps").asDouble()).isEqualTo(50.0);
    assertThat(b.path("ttft_p90_floor_ms").asDouble()).isPositive();
    assertThat(b.path("output_tokens_per_s_ceiling").asDouble()).isPositive();
    assertThat(root.path("bounds_method").asString()).contains("infinite prefix cache");
    assertThat(ReportTable.render(r)).contains("bound at rate 50.00");
    assertThat(JsonMapper.builder().build().readTree(ReportJson.render(byLoad())).has("bounds")).isFalse();
  }
}
