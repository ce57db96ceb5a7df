package io.switchboard.bench.report;

import io.switchboard.bench.replay.Bounds;
import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Sweep;
import java.util.Locale;

/** The text table a replay prints last: one row per (policy, load), medians over seeds. */
public final class ReportTable {
  private ReportTable() {}

  public static String render(Sweep.Result r) {
    StringBuilder sb = new StringBuilder();
    boolean byLoad = r.capacity() != null;
    sb.append(String.format(Locale.ROOT, "%sworkload %s, %d x %s, %d requests/run, %d seed(s) (medians); hit-rate bound %.3f%n",
        Sweep.VIRTUAL.equals(r.mode()) ? "" : r.mode() + ": ", r.sweep().workload().spec(), r.sweep().base().replicas(), r.sweep().factory().name(), r.sweep().requests(),
        r.sweep().seeds(), r.hitRateBound()));
    sb.append(String.format(Locale.ROOT, "%-18s %7s %8s %10s %10s %10s %9s %9s %7s %9s %6s %8s %7s%n",
        "policy", byLoad ? "load" : "rate", "req/s", "TTFT p50", "TTFT p90", "TTFT p99", "TPOT p50", "goodput", "SLO%",
        "out tok/s", "hit%", "max/mean", "preempt"));
    for (Aggregate a : Aggregate.of(r.cells())) {
      sb.append(String.format(Locale.ROOT, "%-18s %7.2f %8.2f %10.1f %10.1f %10.1f %9.2f %9.2f %7.1f %9.0f %6.1f %8.2f %7.0f%n",
          a.policy(), byLoad ? a.load() : a.rateRps(), a.rateRps(), a.median(x -> x.ttftMs().p50()),
          a.median(x -> x.ttftMs().p90()), a.median(x -> x.ttftMs().p99()), a.median(x -> x.tpotMs().p50()),
          a.median(RunResult::goodputRps), 100 * a.median(RunResult::sloAttainment), a.median(RunResult::outputTokensPerS),
          100 * a.median(RunResult::prefixHitRate), a.median(RunResult::maxMeanLoad), a.median(x -> x.preemptions())));
    }
    for (BoundsSummary b : BoundsSummary.of(r.bounds())) {
      sb.append(String.format(Locale.ROOT, "bound at %s %.2f (any policy, medians): TTFT floor p50 %.1f p90 %.1f p99 %.1f ms;"
              + " throughput <= %.2f req/s, <= %.0f out tok/s (infinite-cache hit %.1f%%); estimate: p90 %.1f ms at the"
              + " cache-replay bound's hits%n",
          byLoad ? "load" : "rate", byLoad ? b.load() : b.rateRps(), b.median(Bounds::ttftFloorP50Ms),
          b.median(Bounds::ttftFloorP90Ms), b.median(Bounds::ttftFloorP99Ms), b.median(Bounds::requestsPerSCeiling),
          b.median(Bounds::outputTokensPerSCeiling), 100 * b.median(Bounds::infiniteCacheHitRate),
          b.median(Bounds::replayHitsTtftP90Ms)));
    }
    return sb.toString();
  }
}
