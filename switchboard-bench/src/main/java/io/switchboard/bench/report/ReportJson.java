package io.switchboard.bench.report;

import io.switchboard.bench.replay.Bounds;
import io.switchboard.bench.replay.Capacity;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Summary;
import io.switchboard.bench.replay.Sweep;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code report.json}: the shape of issue 3 ({@code workload, replicas, gpu, hit_rate_bound, results[]}) plus
 * the SLO, the unloaded latencies, how capacity was measured, per-replica counts and a per-(policy, load)
 * summary over seeds. Numbers are rounded to fixed decimals so the file is stable and readable.
 */
public final class ReportJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportJson() {}

  public static String render(Sweep.Result r) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(r)) + "\n";
  }

  public static ObjectNode tree(Sweep.Result r) {
    Sweep s = r.sweep();
    ObjectNode root = NODES.objectNode();
    root.put("workload", s.workload().spec());
    // Only live reports say so, so virtual-time reports stay byte-identical to those already committed.
    if (!Sweep.VIRTUAL.equals(r.mode())) root.put("mode", r.mode());
    root.put("replicas", s.base().replicas());
    root.put("gpu", s.factory().name());
    root.put("hit_rate_bound", round(r.hitRateBound(), 4));
    root.put("requests_per_run", s.requests());
    root.put("seeds", s.seeds());
    root.put("warmup_fraction", s.base().warmupFraction());
    root.put("scrape_interval_ms", s.base().scrapeIntervalNanos() / 1e6);
    ObjectNode slo = root.putObject("slo");
    slo.put("ttft_ms", round(r.slo().ttftNanos() / 1e6, 3));
    slo.put("tpot_ms", round(r.slo().tpotNanos() / 1e6, 3));
    slo.put("unloaded_ttft_ms", round(r.unloaded().ttftNanos() / 1e6, 3));
    slo.put("unloaded_tpot_ms", round(r.unloaded().tpotNanos() / 1e6, 3));
    slo.put("unloaded_sample", r.unloaded().sample());
    if (r.capacity() != null) {
      Capacity c = r.capacity();
      ObjectNode cap = root.putObject("capacity");
      cap.put("requests_per_s", round(c.requestsPerSecond(), 4));
      cap.put("rate_scale", round(c.rateScale(), 6));
      cap.put("bracketed", c.bracketed());
      cap.put("limited_by_length", c.limitedByLength());
      // Only when it happened, so reports of measured capacities keep their shape.
      if (c.limitedByFloor()) {
        cap.put("limited_by_floor", true);
        cap.put("floor_rps", round(c.floorScale() * s.workload().nominalRate(), 4));
      }
      cap.put("steady_state_max_rps", round(c.maxScale() * s.workload().nominalRate(), 4));
      cap.put("mode", c.mode().label());
      cap.put("method", c.mode().definition() + ", on the first " + c.slice() + " requests (seed 1): bracket by doubling, then bisect;"
          + " capped where arrivals span " + Capacity.STEADY_LIFETIMES + " unloaded request lifetimes");
      ArrayNode probes = cap.putArray("probes");
      for (Capacity.Probe p : c.probes()) {
        probes.addObject().put("rate_scale", round(p.rateScale(), 6)).put("slo_attainment", round(p.sloAttainment(), 4))
            .put("kept_up", round(p.keptUp(), 4));
      }
    }
    // Only sweeps on calibrated replicas have physical bounds; other reports keep their shape.
    if (!r.bounds().isEmpty()) {
      ArrayNode bounds = root.putArray("bounds");
      for (BoundsSummary b : BoundsSummary.of(r.bounds())) {
        ObjectNode o = bounds.addObject();
        putLoad(o, b.load());
        o.put("rate_rps", round(b.rateRps(), 4));
        o.put("seeds", b.seeds());
        o.put("ttft_p50_floor_ms", round(b.median(Bounds::ttftFloorP50Ms), 3));
        o.put("ttft_p90_floor_ms", round(b.median(Bounds::ttftFloorP90Ms), 3));
        o.put("ttft_p99_floor_ms", round(b.median(Bounds::ttftFloorP99Ms), 3));
        o.put("duration_floor_s", round(b.median(Bounds::durationFloorSeconds), 3));
        o.put("requests_per_s_ceiling", round(b.median(Bounds::requestsPerSCeiling), 4));
        o.put("output_tokens_per_s_ceiling", round(b.median(Bounds::outputTokensPerSCeiling), 2));
        o.put("infinite_cache_hit_rate", round(b.median(Bounds::infiniteCacheHitRate), 4));
        o.put("ttft_p90_at_replay_hits_ms", round(b.median(Bounds::replayHitsTtftP90Ms), 3));
      }
      root.put("bounds_method", BoundsSummary.METHOD);
    }
    ArrayNode results = root.putArray("results");
    for (Sweep.Cell cell : r.cells()) results.add(result(cell));
    ArrayNode summary = root.putArray("summary");
    for (Aggregate a : Aggregate.of(r.cells())) {
      ObjectNode o = summary.addObject();
      o.put("policy", a.policy());
      putLoad(o, a.load());
      o.put("rate_rps", round(a.rateRps(), 4));
      o.put("seeds", a.runs().size());
      o.put("ttft_p50_ms", round(a.median(x -> x.ttftMs().p50()), 3));
      o.put("ttft_p90_ms", round(a.median(x -> x.ttftMs().p90()), 3));
      o.put("ttft_p99_ms", round(a.median(x -> x.ttftMs().p99()), 3));
      o.put("ttft_p99_ms_min", round(a.min(x -> x.ttftMs().p99()), 3));
      o.put("ttft_p99_ms_max", round(a.max(x -> x.ttftMs().p99()), 3));
      o.put("tpot_p50_ms", round(a.median(x -> x.tpotMs().p50()), 3));
      o.put("goodput_rps", round(a.median(RunResult::goodputRps), 4));
      o.put("slo_attainment", round(a.median(RunResult::sloAttainment), 4));
      o.put("output_tokens_per_s", round(a.median(RunResult::outputTokensPerS), 2));
      o.put("prefix_hit_rate", round(a.median(RunResult::prefixHitRate), 4));
      o.put("max_mean_load", round(a.median(RunResult::maxMeanLoad), 4));
      o.put("preemptions", round(a.median(x -> x.preemptions()), 1));
      // Only policies that predict TTFT carry the field, so baseline reports stay byte-identical.
      if (a.min(RunResult::ttftPredictions) > 0) o.put("ttft_mape", round(a.median(RunResult::ttftMape), 4));
      if (a.min(RunResult::tpotPredictions) > 0) o.put("tpot_mape", round(a.median(RunResult::tpotMape), 4));
    }
    return root;
  }

  private static ObjectNode result(Sweep.Cell cell) {
    RunResult r = cell.run();
    ObjectNode o = NODES.objectNode();
    o.put("policy", cell.policy());
    putLoad(o, cell.load());
    o.put("rate_rps", round(cell.rateRps(), 4));
    o.put("seed", cell.seed());
    o.set("ttft_ms", summary(r.ttftMs()));
    o.set("tpot_ms", summary(r.tpotMs()));
    o.set("itl_ms", summary(r.itlMs()));
    o.set("e2e_ms", summary(r.e2eMs()));
    o.put("requests", r.requests());
    o.put("duration_s", round(r.durationSeconds(), 3));
    o.put("throughput_rps", round(r.throughputRps(), 4));
    o.put("output_tokens_per_s", round(r.outputTokensPerS(), 2));
    o.put("goodput_rps", round(r.goodputRps(), 4));
    o.put("slo_attainment", round(r.sloAttainment(), 4));
    o.put("prefix_hit_rate", round(r.prefixHitRate(), 4));
    o.put("max_mean_load", round(r.maxMeanLoad(), 4));
    o.put("max_mean_tokens", round(r.maxMeanTokens(), 4));
    o.put("preemptions", r.preemptions());
    o.put("errors", r.errors());
    o.put("mean_waiting", round(r.meanWaiting(), 3));
    if (r.ttftPredictions() > 0) o.put("ttft_mape", round(r.ttftMape(), 4));
    if (r.tpotPredictions() > 0) o.put("tpot_mape", round(r.tpotMape(), 4));
    ArrayNode per = o.putArray("requests_per_replica");
    for (long n : r.routedPerReplica()) per.add(n);
    return o;
  }

  private static void putLoad(ObjectNode o, double load) {
    if (Double.isNaN(load)) o.putNull("load");
    else o.put("load", load);
  }

  private static ObjectNode summary(Summary s) {
    return NODES.objectNode().put("mean", round(s.mean(), 3)).put("p50", round(s.p50(), 3))
        .put("p90", round(s.p90(), 3)).put("p99", round(s.p99(), 3));
  }

  static double round(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return 0;
    return java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
