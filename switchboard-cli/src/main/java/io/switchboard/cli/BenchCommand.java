package io.switchboard.cli;

import io.switchboard.bench.overhead.OverheadBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard bench ...}: the benchmarks whose results go in docs/benchmarks.md. */
@Command(name = "bench", description = "Run a benchmark (results are printed and written as JSON).",
    subcommands = {BenchCommand.Overhead.class, BenchCommand.Jmh.class, BenchCommand.Chaos.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "overhead", description = {
      "Gateway overhead side by side: a fixed upstream called directly, the gateway in front of it, a bare",
      "Vert.x pass-through (the JVM floor) and nginx in front of it (when installed). Needs wrk and nginx: apt-get install nginx wrk.",
      "Loopback only; bounded in time."})
  static final class Overhead implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "10", description = "Seconds per wrk run (default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--connections", defaultValue = "64", description = "Connections for the throughput run (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--ttft-samples", defaultValue = "500", description = "Sequential streams per target for TTFT (default ${DEFAULT-VALUE}).")
    int ttftSamples;

    @Option(names = "--streams", defaultValue = "10000", description = "Concurrent slow streams held through the gateway (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--stream-seconds", defaultValue = "20", description = "Length of each slow stream (default ${DEFAULT-VALUE}).")
    int streamSeconds;

    @Option(names = "--warmup", defaultValue = "30",
        description = "Seconds of load on each JVM target before measuring, for the JIT (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--gateway-jvm", defaultValue = "-Xms256m -Xmx512m -XX:+UseParallelGC",
        description = {"JVM options of the gateway and vertx-minimal processes (default ${DEFAULT-VALUE}).",
            "ParallelGC: its cheaper write barriers cost ~8%% less CPU per request than G1 here (docs/benchmarks.md)."})
    String gatewayJvm;

    @Option(names = "--out", defaultValue = "out/bench/overhead.json", description = "JSON report (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
      List<String> jvm = Arrays.stream(gatewayJvm.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
      new OverheadBenchmark(new OverheadBenchmark.Options(Duration.ofSeconds(durationSeconds), rounds, connections,
          ttftSamples, streams, Duration.ofSeconds(streamSeconds), Duration.ofSeconds(warmupSeconds), out, jvm), System.out).run();
      return 0;
    }
  }

  @Command(name = "jmh", description = {
      "Micro-benchmarks of the hot path (JMH): routing decisions, JSON peek, SSE parsing.",
      "Arguments go to JMH, e.g. 'bench jmh Routing -p endpoints=16'."})
  static final class Jmh implements Callable<Integer> {
    @picocli.CommandLine.Unmatched
    List<String> args = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
      org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      return 0;
    }
  }
  @Command(name = "chaos", description = {
      "Resilience under faults: 4 simulated replicas behind the gateway under steady mixed load; mid-run one",
      "replica is killed and restarted, one answers a 429 storm, one stalls or cuts a share of its streams.",
      "Checks every answer (silent truncations, hung requests, failed plain requests). Loopback only; bounded."})
  static final class Chaos implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "60", description = "Seconds of load; the faults scale with it (default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "15", description = "Seconds of load before, without faults, not counted (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--rate", defaultValue = "40", description = "Requests started per second, open loop (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--stream-share", defaultValue = "0.5", description = "Share of streaming requests (default ${DEFAULT-VALUE}).")
    double streamShare;

    @Option(names = "--engine", defaultValue = "fixed", description = {
        "Replica engine: 'fixed' (30 ms to the first token, 15 ms per token, steady on a loaded machine) or a",
        "calibrated GPU profile (h100, a100-80, a100-40) (default ${DEFAULT-VALUE})."})
    String engine;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the request mix and fault draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--access-log", description = "Print the gateway's access log (one JSON line per request).")
    boolean accessLog;

    @Option(names = "--out", defaultValue = "out/bench/chaos.json", description = "JSON report (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (!accessLog) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("switchboard.access"))
            .setLevel(ch.qos.logback.classic.Level.OFF);
      }
      var result = new io.switchboard.bench.chaos.ChaosBenchmark(new io.switchboard.bench.chaos.ChaosBenchmark.Options(
          Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds), rate, streamShare, engine, seed, out), System.out).run();
      @SuppressWarnings("unchecked")
      var targets = (java.util.Map<String, Object>) result.get("targets");
      return Boolean.TRUE.equals(targets.get("all_met")) ? 0 : 1;
    }
  }
}
