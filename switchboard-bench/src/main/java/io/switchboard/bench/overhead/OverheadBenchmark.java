package io.switchboard.bench.overhead;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gateway overhead, side by side in one run (see shared/docs/benchmark-protocol.md, section 2): a fixed
 * upstream called directly, the gateway in front of it, a bare Vert.x pass-through ({@link MinimalProxy})
 * in front of it, and nginx in front of it when installed. Each target runs the same wrk loads in
 * interleaved rounds; medians over rounds are reported, because these machines are shared and a single run
 * can be off by a wide margin.
 *
 * <p>The JVM targets are warmed up for {@code warmup} first (C2 needs tens of thousands of requests, and
 * its compiler threads would otherwise bill their work to the first measured rounds); CPU per request is
 * only taken in the measured rounds, and broken down by thread kind for the JVM targets.
 */
public final class OverheadBenchmark {

  /** What to run; the defaults are the documented benchmark. */
  public record Options(Duration duration, int rounds, int connections, int ttftSamples, int streams,
                        Duration streamLength, Duration warmup, Path out, List<String> gatewayJvmOptions) {}

  /** Warm-up of the targets that need no JIT (nginx, and the in-process upstream, warmed by every run). */
  private static final Duration NATIVE_WARMUP = Duration.ofSeconds(2);
  private static final Duration WARMUP_STEP = Duration.ofSeconds(5);
  /** Sequential streams before measuring TTFT on a JVM target. */
  private static final int STREAM_WARMUP = 2000;

  private static final String BODY = chatBody(1024);

  private final Options options;
  private final PrintStream log;

  public OverheadBenchmark(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  public Map<String, Object> run() throws Exception {
    if (!Wrk.installed()) {
      throw new IllegalStateException("wrk is not installed; install it with: apt-get install nginx wrk");
    }
    Path work = Files.createTempDirectory("switchboard-overhead");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      var fast = await(new FixedUpstream(vertx, 8, Duration.ZERO).start(0));
      int slowChunks = 10;
      var slow = await(new FixedUpstream(vertx, slowChunks,
          options.streamLength().dividedBy(slowChunks)).start(0));
      int gatewayPort = freePort();
      try (var gateway = GatewayProcess.start(work, gatewayPort, fast.port(), slow.port(), options.gatewayJvmOptions());
           var minimal = GatewayProcess.startMinimal(work, freePort(), fast.port(), options.gatewayJvmOptions());
           var nginx = Nginx.installed() ? Nginx.start(work, freePort(), fast.port()) : null) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("direct", fast.port(), -1, false));
        targets.add(new Target("gateway", gateway.port, gateway.pid(), true));
        targets.add(new Target("vertx-minimal", minimal.port, minimal.pid(), true));
        if (nginx != null) targets.add(new Target("nginx", nginx.port, nginx.pid(), false));
        else log.println("nginx not installed: comparing with direct only (apt-get install nginx wrk)");

        Wrk wrk = new Wrk(work, BODY);
        log.printf("warming up (JIT: at least %s per JVM target, until CPU per request is steady) ...%n",
            options.warmup());
        for (Target t : targets) warmUp(wrk, t);

        for (int round = 1; round <= options.rounds(); round++) {
          for (Target t : targets) {
            double cpu0 = t.pid > 0 ? ProcessStats.cpuSeconds(t.pid) : 0;
            Map<String, Double> threads0 = t.jvm ? ProcessStats.cpuSecondsByThread(t.pid) : Map.of();
            var many = wrk.run(t.url(), options.connections(), options.duration());
            double cpu1 = t.pid > 0 ? ProcessStats.cpuSeconds(t.pid) : 0;
            if (t.jvm && many.requests() > 0) {
              ProcessStats.cpuSecondsByThread(t.pid).forEach((k, v) -> t.threadCpuUs.merge(k,
                  (v - threads0.getOrDefault(k, 0.0)) * 1e6 / many.requests(), Double::sum));
            }
            var one = wrk.run(t.url(), 1, options.duration());
            t.rps.add(many.requestsPerSecond());
            t.errors += many.errors() + one.errors();
            if (t.pid > 0 && many.requests() > 0) t.cpuUsPerRequest.add((cpu1 - cpu0) * 1e6 / many.requests());
            t.p50.add(one.p50Ms());
            t.p99.add(one.p99Ms());
            log.printf("round %d %-13s %8.0f req/s  p50 %.3f ms  p99 %.3f ms  CPU %s us/req%n", round, t.name,
                many.requestsPerSecond(), one.p50Ms(), one.p99Ms(),
                t.cpuUsPerRequest.isEmpty() ? "-" : String.format("%.1f", t.cpuUsPerRequest.getLast()));
          }
        }

        StreamProbe probe = new StreamProbe(vertx);
        String streamBody = BODY.replace("\"stream\":false", "\"stream\":true");
        for (Target t : targets) {
          // The stream path has code of its own (SSE parsing) that the wrk warm-up did not compile.
          probe.timeToFirstByte(t.port, streamBody, t.jvm ? STREAM_WARMUP : Math.min(100, options.ttftSamples()));
          double[] ttft = probe.timeToFirstByte(t.port, streamBody, options.ttftSamples());
          t.ttftP50 = ttft[0];
          t.ttftP99 = ttft[1];
          log.printf("%-13s stream TTFT p50 %.3f ms  p99 %.3f ms%n", t.name, ttft[0], ttft[1]);
        }

        log.printf("holding %d concurrent slow streams (%s each) through the gateway ...%n",
            options.streams(), options.streamLength());
        String slowBody = streamBody.replace("\"model\":\"bench\"", "\"model\":\"bench-slow\"");
        var held = probe.hold(gateway.port, slowBody, options.streams(), gateway.pid(),
            options.streamLength().toMillis() + 120_000);
        return report(targets, held, work);
      } finally {
        await(fast.close());
        await(slow.close());
      }
    } finally {
      vertx.close().await();
    }
  }

  /**
   * Runs the 64-connection load in steps of {@link #WARMUP_STEP} until the target's CPU per request changed
   * by less than 10% from one step to the next, after at least {@code warmup} (JVM targets; at most three
   * times that), then one step at 1 connection. A JVM's C2 compiler needs tens of thousands of requests and
   * shares the two cores with the load, so a fixed short warm-up bills compilation to the measured rounds.
   */
  private void warmUp(Wrk wrk, Target t) throws Exception {
    if (!t.jvm) {
      wrk.run(t.url(), options.connections(), NATIVE_WARMUP);
      return;
    }
    long start = System.nanoTime();
    long min = options.warmup().toNanos();
    double previous = Double.NaN;
    while (true) {
      double cpu0 = ProcessStats.cpuSeconds(t.pid);
      var r = wrk.run(t.url(), options.connections(), WARMUP_STEP);
      double us = r.requests() == 0 ? Double.NaN : (ProcessStats.cpuSeconds(t.pid) - cpu0) * 1e6 / r.requests();
      long elapsed = System.nanoTime() - start;
      boolean steady = Math.abs(us - previous) < 0.1 * previous;
      log.printf("  warm-up %-13s %8.0f req/s  CPU %.1f us/req%n", t.name, r.requestsPerSecond(), us);
      if ((elapsed >= min && steady) || elapsed >= 3 * min) break;
      previous = us;
    }
    wrk.run(t.url(), 1, WARMUP_STEP);
  }

  private Map<String, Object> report(List<Target> targets, StreamProbe.Held held, Path work) throws Exception {
    Target direct = targets.get(0);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "overhead");
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("duration_s", options.duration().toSeconds());
    opts.put("rounds", options.rounds());
    opts.put("warmup_s", options.warmup().toSeconds());
    opts.put("connections", options.connections());
    opts.put("ttft_samples", options.ttftSamples());
    opts.put("streams", options.streams());
    opts.put("stream_seconds", options.streamLength().toSeconds());
    opts.put("body_bytes", BODY.length());
    opts.put("gateway_jvm", String.join(" ", options.gatewayJvmOptions()));
    result.put("date", java.time.OffsetDateTime.now().withNano(0).toString());
    result.put("options", opts);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Target t : targets) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("target", t.name);
      row.put("rps_at_" + options.connections(), round(median(t.rps), 0));
      row.put("p50_ms_at_1", round(median(t.p50), 4));
      row.put("p99_ms_at_1", round(median(t.p99), 4));
      row.put("added_p50_ms", t == direct ? 0 : round(median(t.p50) - median(direct.p50), 4));
      row.put("added_p99_ms", t == direct ? 0 : round(median(t.p99) - median(direct.p99), 4));
      row.put("cpu_us_per_request", t.cpuUsPerRequest.isEmpty() ? null : round(median(t.cpuUsPerRequest), 2));
      row.put("stream_ttft_p50_ms", round(t.ttftP50, 4));
      row.put("added_stream_ttft_ms", t == direct ? 0 : round(t.ttftP50 - direct.ttftP50, 4));
      row.put("errors", t.errors);
      if (!t.threadCpuUs.isEmpty() && options.rounds() > 0) {
        Map<String, Object> threads = new LinkedHashMap<>();
        t.threadCpuUs.entrySet().stream().filter(e -> e.getValue() / options.rounds() >= 0.05)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> threads.put(e.getKey(), round(e.getValue() / options.rounds(), 2)));
        row.put("cpu_us_per_request_by_thread_mean", threads);
      }
      rows.add(row);
    }
    result.put("targets", rows);
    Map<String, Object> streams = new LinkedHashMap<>();
    streams.put("requested", held.requested());
    streams.put("started", held.started());
    streams.put("completed", held.completed());
    streams.put("dropped", held.requested() - held.completed());
    streams.put("gateway_rss_mib", round(held.gatewayRssBytes() / 1048576.0, 1));
    streams.put("gateway_open_fds", held.gatewayFds());
    result.put("concurrent_streams", streams);
    Target gw = targets.get(1);
    Target minimal = targets.get(2);
    Target nginx = targets.size() > 3 ? targets.get(3) : null;
    if (nginx != null && !gw.cpuUsPerRequest.isEmpty() && !nginx.cpuUsPerRequest.isEmpty()) {
      result.put("gateway_cpu_vs_nginx", round(median(gw.cpuUsPerRequest) / median(nginx.cpuUsPerRequest), 2));
    }
    if (!gw.cpuUsPerRequest.isEmpty() && !minimal.cpuUsPerRequest.isEmpty()) {
      result.put("gateway_cpu_vs_vertx_minimal",
          round(median(gw.cpuUsPerRequest) / median(minimal.cpuUsPerRequest), 2));
    }

    ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    json.writeValue(options.out().toFile(), result);

    log.println();
    log.printf("%-13s %10s %10s %10s %12s %12s %14s %12s%n", "target", "req/s", "p50 ms", "p99 ms",
        "added p50", "CPU us/req", "stream TTFT", "added TTFT");
    for (var row : rows) {
      log.printf("%-13s %10s %10s %10s %12s %12s %14s %12s%n", row.get("target"), row.get("rps_at_" + options.connections()),
          row.get("p50_ms_at_1"), row.get("p99_ms_at_1"), row.get("added_p50_ms"), row.get("cpu_us_per_request"),
          row.get("stream_ttft_p50_ms"), row.get("added_stream_ttft_ms"));
    }
    log.printf("concurrent streams: %s%n", streams);
    for (var row : rows) {
      if (row.containsKey("cpu_us_per_request_by_thread_mean")) {
        log.printf("%s CPU us/req by thread: %s%n", row.get("target"), row.get("cpu_us_per_request_by_thread_mean"));
      }
    }
    if (result.containsKey("gateway_cpu_vs_nginx")) {
      log.printf("gateway CPU per request / nginx: %sx%n", result.get("gateway_cpu_vs_nginx"));
    }
    if (result.containsKey("gateway_cpu_vs_vertx_minimal")) {
      log.printf("gateway CPU per request / vertx-minimal: %sx%n", result.get("gateway_cpu_vs_vertx_minimal"));
    }
    log.printf("written %s (work files in %s)%n", options.out(), work);
    return result;
  }

  static String chatBody(int approxBytes) {
    String head = "{\"model\":\"bench\",\"stream\":false,\"max_tokens\":64,\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"";
    String tail = "\"}]}";
    StringBuilder text = new StringBuilder();
    String[] words = {"route", "each", "request", "by", "what", "it", "costs", "tokens", "cache", "latency"};
    for (int i = 0; head.length() + text.length() + tail.length() < approxBytes; i++) {
      text.append(words[i % words.length]).append(' ');
    }
    return head + text.toString().trim() + tail;
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) return Double.NaN;
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static int freePort() throws java.io.IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    return f.await();
  }

  private static final class Target {
    final String name;
    final int port;
    final long pid;
    final List<Double> rps = new ArrayList<>();
    final List<Double> p50 = new ArrayList<>();
    final List<Double> p99 = new ArrayList<>();
    final List<Double> cpuUsPerRequest = new ArrayList<>();
    final boolean jvm;
    final Map<String, Double> threadCpuUs = new java.util.TreeMap<>();
    long errors;
    double ttftP50;
    double ttftP99;

    Target(String name, int port, long pid, boolean jvm) {
      this.name = name;
      this.port = port;
      this.pid = pid;
      this.jvm = jvm;
    }

    String url() { return "http://127.0.0.1:" + port + "/v1/chat/completions"; }
  }
}
