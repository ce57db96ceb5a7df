package io.switchboard.bench.report;

import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Sweep;
import io.switchboard.bench.replay.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no scripts) with the TTFT CDF per policy,
 * p99 TTFT and goodput against load, hit rate against load with the cache-replay bound, requests per replica
 * over time for each policy, and the summary table.
 */
public final class ReportHtml {
  private ReportHtml() {}

  public static String render(Sweep.Result r) {
    List<Aggregate> aggs = Aggregate.of(r.cells());
    boolean byLoad = r.capacity() != null;
    String xLabel = byLoad ? "offered load (x round-robin capacity)" : "arrival rate (req/s)";
    Map<String, List<Aggregate>> byPolicy = new LinkedHashMap<>();
    for (Aggregate a : aggs) byPolicy.computeIfAbsent(a.policy(), k -> new ArrayList<>()).add(a);
    double focus = focusX(aggs);

    var p99 = new SvgChart("p99 TTFT vs load (median over seeds)", xLabel, "p99 TTFT (ms)", true);
    var good = new SvgChart("Goodput vs load", xLabel, "goodput (req/s meeting SLO)", false);
    var hit = new SvgChart("Prefix-cache hit rate vs load", xLabel, "hit rate", false)
        .reference(r.hitRateBound(), String.format(Locale.ROOT, "cache-replay bound %.3f", r.hitRateBound()));
    var cdf = new SvgChart("TTFT CDF at " + (byLoad ? "load " : "rate ") + SvgChart.esc(fmt(focus)) + " (seed 1)", "TTFT (ms)",
        "fraction of requests", false).noMarkers().logX();
    List<String> timelines = new ArrayList<>();
    for (var e : byPolicy.entrySet()) {
      List<Aggregate> list = e.getValue();
      double[] x = new double[list.size()], y99 = new double[x.length], yg = new double[x.length], yh = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        Aggregate a = list.get(i);
        x[i] = a.x();
        y99[i] = a.median(q -> q.ttftMs().p99());
        yg[i] = a.median(RunResult::goodputRps);
        yh[i] = a.median(RunResult::prefixHitRate);
      }
      p99.add(new SvgChart.Series(e.getKey(), x, y99));
      good.add(new SvgChart.Series(e.getKey(), x, yg));
      hit.add(new SvgChart.Series(e.getKey(), x, yh));
      for (Aggregate a : list) {
        if (a.x() != focus) continue;
        RunResult first = a.runs().getFirst();
        double[] q = first.ttftCdf(), frac = new double[q.length];
        for (int i = 0; i < q.length; i++) frac[i] = (i + 1) / 100.0;
        cdf.add(new SvgChart.Series(e.getKey(), q, frac));
        timelines.add(timeline(e.getKey(), first.timeline(), byLoad, focus));
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Switchboard replay: ")
        .append(SvgChart.esc(r.sweep().workload().spec())).append("</title>\n")
        .append("<style>body{font-family:sans-serif;margin:24px;color:#222} .grid{display:flex;flex-wrap:wrap;gap:12px}")
        .append(" table{border-collapse:collapse;font-size:12px} td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
        .append(" th:first-child,td:first-child{text-align:left} pre{background:#f6f6f6;padding:8px}</style></head><body>\n");
    sb.append("<h1>Replay").append(Sweep.VIRTUAL.equals(r.mode()) ? "" : " (" + SvgChart.esc(r.mode()) + ")").append(": ")
        .append(SvgChart.esc(r.sweep().workload().spec())).append("</h1>\n<p>")
        .append(String.format(Locale.ROOT, "%d x %s replicas, %d requests per run, %d seed(s), %.0f%% warm-up discarded, scrape every %.0f ms. ",
            r.sweep().base().replicas(), SvgChart.esc(r.sweep().factory().name()), r.sweep().requests(), r.sweep().seeds(),
            100 * r.sweep().base().warmupFraction(), r.sweep().base().scrapeIntervalNanos() / 1e6))
        .append(String.format(Locale.ROOT, "SLO: TTFT &le; %.1f ms and TPOT &le; %.2f ms (unloaded: %.1f ms, %.2f ms). ",
            r.slo().ttftNanos() / 1e6, r.slo().tpotNanos() / 1e6, r.unloaded().ttftNanos() / 1e6, r.unloaded().tpotNanos() / 1e6));
    if (byLoad) {
      sb.append(String.format(Locale.ROOT, "Load 1.0 = %.3f req/s (capacity mode %s): %s, on the first %d requests.",
          r.capacity().requestsPerSecond(), r.capacity().mode().label(), SvgChart.esc(r.capacity().mode().definition()),
          r.capacity().slice()));
    }
    sb.append("</p>\n<div class=\"grid\">\n").append(cdf.render()).append(p99.render()).append(good.render()).append(hit.render())
        .append("</div>\n<h2>Requests routed per replica over time (").append(byLoad ? "load " : "rate ").append(SvgChart.esc(fmt(focus)))
        .append(", seed 1)</h2>\n<div class=\"grid\">\n");
    for (String t : timelines) sb.append(t);
    sb.append("</div>\n<h2>Summary</h2>\n<pre>").append(SvgChart.esc(ReportTable.render(r))).append("</pre>\n</body></html>\n");
    return sb.toString();
  }

  /** The load the CDF and timelines show: the one closest to 0.9 (or the median rate). */
  private static double focusX(List<Aggregate> aggs) {
    double best = Double.NaN;
    List<Double> xs = new ArrayList<>();
    for (Aggregate a : aggs) if (!xs.contains(a.x())) xs.add(a.x());
    if (xs.isEmpty()) return best;
    if (Double.isNaN(aggs.getFirst().load())) return xs.stream().sorted().toList().get(xs.size() / 2);
    for (double x : xs) if (Double.isNaN(best) || Math.abs(x - 0.9) < Math.abs(best - 0.9)) best = x;
    return best;
  }

  private static String timeline(String policy, Timeline t, boolean byLoad, double focus) {
    var chart = new SvgChart(policy, "time (s)", "requests routed per s", false).noMarkers();
    for (int rep = 0; rep < t.counts().size(); rep++) {
      long[] c = t.counts().get(rep);
      double[] x = new double[c.length], y = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        x[i] = i * t.bucketSeconds();
        y[i] = c[i] / t.bucketSeconds();
      }
      chart.add(new SvgChart.Series("replica " + rep, x, y));
    }
    return chart.render();
  }

  private static String fmt(double v) { return String.format(Locale.ROOT, "%.2f", v); }
}
