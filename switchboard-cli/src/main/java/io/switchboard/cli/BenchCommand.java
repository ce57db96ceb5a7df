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
    subcommands = {BenchCommand.Overhead.class, BenchCommand.Jmh.class})
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
            "ParallelGC: its cheaper write barriers cost ~8% less CPU per request than G1 here (docs/benchmarks.md)."})
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
}
