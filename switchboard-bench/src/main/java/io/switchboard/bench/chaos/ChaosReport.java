package io.switchboard.bench.chaos;

import io.switchboard.sim.server.SimCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the client's samples and the gateway's endpoint timeline into the benchmark's figures and targets,
 * prints them as a table and writes them as JSON. Definitions: a request is a client-visible error when it
 * got neither a whole answer nor a silent truncation (so explicit stream error events count, by kind);
 * rescued means a whole answer after more than one upstream attempt; latency is from send to last byte,
 * by the phase in which the request was sent.
 */
final class ChaosReport {
  /** A client that starts a request this late against its schedule was not getting the CPU it needed. */
  static final long STARVED_LAG_MILLIS = 1000;
  private final ChaosBenchmark.Options options;
  private final Timeline timeline;
  private final List<Sample> samples;
  private final EndpointWatch watch;
  private final List<SimCounters> counters;
  private final long drainedMillis;
  private final long sendLagMillis;
  private final long killedAt;
  private final long restartedAt;
  private final String yaml;

  ChaosReport(ChaosBenchmark.Options options, Timeline timeline, List<Sample> samples, EndpointWatch watch,
              List<SimCounters> counters, long drainedMillis, long sendLagMillis, long killedAt, long restartedAt, String yaml) {
    this.options = options;
    this.timeline = timeline;
    this.samples = samples;
    this.watch = watch;
    this.counters = counters;
    this.drainedMillis = drainedMillis;
    this.sendLagMillis = sendLagMillis;
    this.killedAt = killedAt >= 0 ? killedAt : timeline.kill();
    this.restartedAt = restartedAt >= 0 ? restartedAt : timeline.restart();
    this.yaml = yaml;
  }

  Map<String, Object> write(PrintStream log) throws IOException {
    Map<String, Object> r = figures();
    ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    json.writeValue(options.out().toFile(), r);
    print(r, log);
    log.printf("written %s%n", options.out());
    return r;
  }

  Map<String, Object> figures() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "chaos");
    r.put("options", Map.of("duration_s", options.duration().toSeconds(), "warmup_s", options.warmup().toSeconds(), "rate_per_s", options.rate(),
        "stream_share", options.streamShare(), "engine", options.engine(), "seed", options.seed(),
        "max_tokens", ChaosBenchmark.MIN_TOKENS + ".." + ChaosBenchmark.MAX_TOKENS,
        "client_timeout_ms", ChaosBenchmark.CLIENT_TIMEOUT_MILLIS, "gateway_deadline_ms", ChaosGateway.DEADLINE_MILLIS));
    r.put("timeline_ms", timelineMap());

    List<Sample> plain = samples.stream().filter(s -> !s.stream()).toList();
    List<Sample> streams = samples.stream().filter(Sample::stream).toList();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("total", samples.size());
    req.put("ok", count(samples, Verdict.OK));
    req.put("plain", plain.size());
    req.put("streams", streams.size());
    r.put("requests", req);

    Map<String, Long> byKind = new TreeMap<>();
    for (Sample s : samples) {
      if (!s.verdict().visibleError()) continue;
      String kind = (s.stream() ? "stream " : "plain ") + s.verdict().key
          + (s.status() > 0 && s.verdict() == Verdict.HTTP_ERROR ? " " + s.status() : "")
          + (s.errorCode() == null ? "" : " " + s.errorCode());
      byKind.merge(kind, 1L, Long::sum);
    }
    r.put("client_visible_errors", Map.of("total", byKind.values().stream().mapToLong(Long::longValue).sum(), "by_kind", byKind));
    r.put("failed_plain_requests", plain.stream().filter(s -> s.verdict() != Verdict.OK).count());
    r.put("silent_truncations", count(samples, Verdict.SILENT_TRUNCATION));
    r.put("hung_past_deadline", count(samples, Verdict.HUNG));

    Map<String, Object> st = new LinkedHashMap<>();
    st.put("ok", count(streams, Verdict.OK));
    st.put("rescued_by_failover", streams.stream().filter(Sample::rescued).count());
    st.put("ended_with_explicit_error", count(streams, Verdict.STREAM_ERROR_EVENT));
    st.put("reset", count(streams, Verdict.RESET));
    st.put("http_error", count(streams, Verdict.HTTP_ERROR));
    r.put("streams", st);
    r.put("plain_rescued_by_failover", plain.stream().filter(Sample::rescued).count());

    String dead = ChaosGateway.endpointId(0);
    Map<String, Object> ej = new LinkedHashMap<>();
    // From when the replica was actually closed and listening again, not when that was scheduled.
    ej.put("killed_at_ms", killedAt);
    ej.put("restarted_at_ms", restartedAt);
    ej.put("eject_ms", watch.ejectedAfter(dead, killedAt));
    ej.put("readmit_ms", watch.readmittedAfter(dead, restartedAt));
    ej.put("first_answer_after_restart_ms", firstAnswer(dead, restartedAt));
    ej.put("poll_interval_ms", EndpointWatch.POLL_MILLIS);
    List<Map<String, Object>> changes = new ArrayList<>();
    for (EndpointWatch.Change c : watch.changes(dead)) {
      changes.add(Map.of("at_ms", c.millis(), "breaker", c.breaker(), "healthy", c.healthy(), "routable", c.routable()));
    }
    ej.put("state_changes", changes);
    r.put("dead_replica", ej);

    Map<String, Object> att = new LinkedHashMap<>();
    att.put("mean", round(samples.stream().mapToInt(Sample::attempts).average().orElse(0), 3));
    att.put("max", samples.stream().mapToInt(Sample::attempts).max().orElse(0));
    Map<Integer, Long> hist = new TreeMap<>();
    for (Sample s : samples) hist.merge(s.attempts(), 1L, Long::sum);
    att.put("histogram", hist);
    r.put("upstream_attempts_per_request", att);

    Map<String, Object> lat = new LinkedHashMap<>();
    for (String phase : List.of("before", "during", "after")) {
      long[] ms = samples.stream().filter(s -> timeline.phase(s.startMillis()).equals(phase))
          .mapToLong(Sample::latencyMillis).sorted().toArray();
      lat.put(phase, Map.of("n", ms.length, "p50", pct(ms, 0.50), "p99", pct(ms, 0.99), "max", ms.length == 0 ? 0 : ms[ms.length - 1]));
    }
    r.put("latency_ms", lat);
    r.put("by_3s", series(3_000));

    List<Map<String, Object>> sims = new ArrayList<>();
    for (int i = 0; i < counters.size(); i++) {
      SimCounters c = counters.get(i);
      sims.add(Map.of("id", ChaosGateway.endpointId(i), "received", c.received(), "completed", c.completed(),
          "aborted", c.aborted(), "cancelled_by_client", c.cancelledByClient(), "faults_injected", c.faultsInjected()));
    }
    r.put("replicas_since_start", sims);
    r.put("run_ms_including_drain", drainedMillis);
    // The machine is shared: a high load average explains slow answers and timeouts that are not the gateway's.
    // A request sent late by the client's own event loop means this process was short of CPU: the run then
    // measures the machine, not the gateway, and says so.
    r.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "load_average_1m", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2),
        "client_send_lag_max_ms", sendLagMillis, "starved", sendLagMillis > STARVED_LAG_MILLIS));

    Map<String, Object> targets = new LinkedHashMap<>();
    long eject = (long) ej.get("eject_ms");
    targets.put("no_failed_plain_request", (long) r.get("failed_plain_requests") == 0);
    targets.put("no_silent_truncation", (long) r.get("silent_truncations") == 0);
    targets.put("no_request_hung", (long) r.get("hung_past_deadline") == 0);
    targets.put("dead_replica_ejected_within_1s", eject >= 0 && eject <= 1000);
    targets.put("all_met", targets.values().stream().allMatch(Boolean.TRUE::equals));
    r.put("targets", targets);
    r.put("gateway_config", yaml);
    return r;
  }

  /** Per window of send time: requests, whole answers, visible errors, latency p50 and p99 (ms). */
  private List<String> series(long windowMillis) {
    List<String> rows = new ArrayList<>();
    for (long from = 0; from < timeline.end(); from += windowMillis) {
      long lo = from;
      List<Sample> in = samples.stream().filter(s -> s.startMillis() >= lo && s.startMillis() < lo + windowMillis).toList();
      long[] ms = in.stream().mapToLong(Sample::latencyMillis).sorted().toArray();
      rows.add(String.format("%5.1f s: n=%d ok=%d errors=%d p50=%d p99=%d", from / 1e3, in.size(), count(in, Verdict.OK),
          in.stream().filter(s -> s.verdict().visibleError()).count(), pct(ms, 0.5), pct(ms, 0.99)));
    }
    return rows;
  }

  private Map<String, Object> timelineMap() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("kill_sim_0", timeline.kill());
    t.put("restart_sim_0", timeline.restart());
    t.put("sim_1_429_storm", timeline.stormFrom() + ".." + timeline.stormTo());
    t.put("sim_2_stalls_and_cuts", timeline.streamFrom() + ".." + timeline.streamTo());
    t.put("load_ends", timeline.end());
    return t;
  }

  /** Milliseconds from {@code fromMillis} until a request sent after it got a whole answer from {@code id}, or -1. */
  private long firstAnswer(String id, long fromMillis) {
    return samples.stream().filter(s -> s.verdict() == Verdict.OK && id.equals(s.endpoint()) && s.startMillis() >= fromMillis)
        .mapToLong(s -> s.startMillis() + s.latencyMillis() - fromMillis).min().orElse(-1);
  }

  private static long count(List<Sample> xs, Verdict v) { return xs.stream().filter(s -> s.verdict() == v).count(); }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> r, PrintStream log) {
    Map<String, Object> req = (Map<String, Object>) r.get("requests");
    Map<String, Object> errs = (Map<String, Object>) r.get("client_visible_errors");
    Map<String, Object> st = (Map<String, Object>) r.get("streams");
    Map<String, Object> ej = (Map<String, Object>) r.get("dead_replica");
    Map<String, Object> att = (Map<String, Object>) r.get("upstream_attempts_per_request");
    Map<String, Map<String, Object>> lat = (Map<String, Map<String, Object>>) r.get("latency_ms");
    Map<String, Object> targets = (Map<String, Object>) r.get("targets");
    log.println();
    row(log, "requests (plain / streams)", req.get("total") + " (" + req.get("plain") + " / " + req.get("streams") + ")", "");
    row(log, "whole answers", req.get("ok"), "");
    row(log, "client-visible errors", errs.get("total"), "");
    for (var e : ((Map<String, Long>) errs.get("by_kind")).entrySet()) row(log, "  " + e.getKey(), e.getValue(), "");
    row(log, "failed plain requests", r.get("failed_plain_requests"), "target 0");
    row(log, "silent truncations", r.get("silent_truncations"), "target 0");
    row(log, "hung past deadline", r.get("hung_past_deadline"), "target 0");
    row(log, "streams rescued by failover", st.get("rescued_by_failover"), "");
    row(log, "plain rescued by failover", r.get("plain_rescued_by_failover"), "");
    row(log, "streams ended with error event", st.get("ended_with_explicit_error"), "");
    row(log, "eject dead replica (ms)", ej.get("eject_ms"), "target <= 1000");
    row(log, "readmit after restart (ms)", ej.get("readmit_ms"), "");
    row(log, "first answer after restart (ms)", ej.get("first_answer_after_restart_ms"), "");
    row(log, "upstream attempts mean / max", att.get("mean") + " / " + att.get("max"), "");
    for (var e : lat.entrySet()) {
      row(log, "latency " + e.getKey() + " p50 / p99 (ms)", e.getValue().get("p50") + " / " + e.getValue().get("p99"),
          "n=" + e.getValue().get("n"));
    }
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    row(log, "machine load average (1 min)", machine.get("load_average_1m"), "");
    row(log, "client send lag max (ms)", machine.get("client_send_lag_max_ms"),
        Boolean.TRUE.equals(machine.get("starved")) ? "STARVED: the machine, not the gateway, is measured; rerun when quieter" : "");
    row(log, "targets met", targets.get("all_met"), "");
  }

  private static void row(PrintStream log, String name, Object value, String note) {
    log.printf("%-36s %14s  %s%n", name, value, note);
  }
}
