package io.switchboard.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.bench.workload.Workload;
import io.switchboard.bench.workload.Workloads;
import io.switchboard.core.Strategies;
import io.switchboard.sim.model.GpuProfiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capacity behind {@code replay --load} on a tiny {@code --requests}: shared-prefix:groups=128 on 4 H100s, the
 * case that measured 0.005 req/s from 60 requests (docs/replay/live-ranking measures 23.47 req/s from 600).
 */
class CapacitySearchTest {
  private static final Workload W = Workloads.parse("shared-prefix:groups=128", Workloads.tracesDir(null));
  private static final EngineFactory H100 = EngineFactory.calibrated(GpuProfiles.builtIn().find("h100").orElseThrow());
  private static final Unloaded UNLOADED = Unloaded.measure(W, H100, Unloaded.DEFAULT_SAMPLE);
  private static final ReplayConfig CONFIG = new ReplayConfig(4, Strategies.ROUND_ROBIN, 1, 50_000_000L, 0.1,
      UNLOADED.slo(5), ReplayConfig.DEFAULT_PREFIX_BLOCK, 120, 0);

  @Test
  void measure_60Requests_stopsAtTheFloorAndSaysSo() {
    // 60 requests leave ~26 arrivals for the keep-up test: one still in flight is 96%, short of 97%, at any rate.
    Capacity c = Capacity.measure(Capacity.Mode.THROUGHPUT, W, CONFIG, H100, 60, UNLOADED);
    double serialRps = 4 / (UNLOADED.e2eNanos() / 1e9);
    assertThat(c.limitedByFloor()).isTrue();
    assertThat(c.limitedByLength()).isFalse();
    assertThat(c.requestsPerSecond()).isCloseTo(serialRps * Capacity.FLOOR_PERCENT_OF_SERIAL / 100, within(1e-9));
    assertThat(c.probes()).allSatisfy(p -> assertThat(p.rateScale()).isGreaterThanOrEqualTo(c.floorScale()));
  }

  @Test
  void search_60Requests_measuresOnTheMinimumSlice_withinAFewPercentOfThe600RequestCapacity() {
    Capacity tiny = Capacity.search(Capacity.Mode.THROUGHPUT, W, CONFIG, H100, 60, UNLOADED);
    assertThat(tiny.slice()).isEqualTo(Capacity.MIN_SLICE);
    assertThat(tiny.limitedByFloor()).isFalse();
    assertThat(tiny.limitedByLength()).isFalse();
    assertThat(tiny.bracketed()).isTrue();
    assertThat(tiny.requestsPerSecond()).isCloseTo(23.47, within(0.1 * 23.47));
  }

  @Test
  void search_600Requests_isTheDocumentedCapacity_unchanged() {
    Capacity normal = Capacity.search(Capacity.Mode.THROUGHPUT, W, CONFIG, H100, 600, UNLOADED);
    assertThat(normal.slice()).isEqualTo(600);
    // docs/replay/live-ranking/shared-prefix-virtual/report.json: 23.4745 req/s (rate scale 2.34745).
    assertThat(normal.requestsPerSecond()).isCloseTo(23.4745, within(1e-4));
    assertThat(normal).isEqualTo(Capacity.measure(Capacity.Mode.THROUGHPUT, W, CONFIG, H100, 600, UNLOADED));
  }

  @Test
  void sweep_60Requests_reportsWhyTheCapacityUsedMoreRequests() {
    List<String> lines = new ArrayList<>();
    Sweep.Result r = new Sweep(W, H100, List.of("round-robin"), List.of(0.5), List.of(), 1, 60, CONFIG, null, 5, 60)
        .run(lines::add);
    assertThat(r.capacity().slice()).isEqualTo(Capacity.MIN_SLICE);
    assertThat(r.capacity().requestsPerSecond()).isGreaterThan(10);
    assertThat(lines).anyMatch(l -> l.startsWith("capacity measured on 500 requests, not 60"));
    assertThat(r.cells().getFirst().run().errors()).isZero();
  }
}
