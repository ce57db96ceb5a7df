package io.switchboard.cli;

import ch.qos.logback.classic.Level;
import io.switchboard.bench.live.LiveOptions;
import io.switchboard.bench.live.LiveReplay;
import io.switchboard.bench.replay.Capacity;
import io.switchboard.bench.replay.EngineFactory;
import io.switchboard.bench.replay.ReplayConfig;
import io.switchboard.bench.replay.Slo;
import io.switchboard.bench.replay.Sweep;
import io.switchboard.bench.report.ReportHtml;
import io.switchboard.bench.report.ReportJson;
import io.switchboard.bench.report.ReportReceipts;
import io.switchboard.bench.report.ReportTable;
import io.switchboard.bench.workload.Workload;
import io.switchboard.bench.workload.Workloads;
import io.switchboard.core.Strategies;
import io.switchboard.sim.model.GpuProfiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code switchboard replay}: compare routing policies on a workload in virtual time. */
@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true, usageHelpWidth = 120,
    description = {
        "Replays a workload through the routing core onto simulated vLLM-like replicas in virtual time and",
        "compares policies side by side. Deterministic: the same arguments give the same report, byte for byte.",
        "Writes DIR/report.json and DIR/report.html and prints a table last.",
        "",
        "--load is relative to the round-robin capacity measured first on the first --capacity-slice requests (seed 1;",
        "at least " + Capacity.MIN_SLICE + ", doubled up to " + Capacity.MAX_SLICE + " while the run is too short to reach a steady state;",
        "never below " + Capacity.FLOOR_PERCENT_OF_SERIAL + "%% of the replicas' one-at-a-time rate, with a warning when it stops there;",
        "bracketed by doubling, then 6 geometric bisections, ~1%% resolution). --capacity throughput (default): the",
        "maximum sustainable throughput, the highest arrival rate at which completions keep up with arrivals (>= " + Capacity.KEPT_UP_PERCENT + "%%",
        "of arrivals completed over the second half of the measured arrivals: queues do not grow without bound). --capacity slo:",
        "the highest rate at which round-robin keeps >= " + Capacity.TARGET_PERCENT + "%% of requests within the SLO. Capped where the arrivals",
        "span " + Capacity.STEADY_LIFETIMES + " unloaded request lifetimes (shorter runs never reach a steady state). --rate gives req/s instead.",
        "SLO: TTFT <= 5x and TPOT <= 5x their unloaded values (mean of 50 requests, each alone on an idle",
        "replica), unless --slo-ttft/--slo-tpot are given. The first 10%% of requests of each run are warm-up.",
        "",
        "--live runs the same cells in real time: per run, --replicas simulated servers (the --gpu engine) and the",
        "gateway (one group, strategy = the policy) on 127.0.0.1, an open-loop streaming client, the same report.",
        ""},
    footer = {"", Workloads.HELP, "",
        "Example: ./switchboard replay --workload mooncake --replicas 8 --gpu h100 \\",
        "           --policies round-robin,least-outstanding,prefix-only --load 0.3,0.6,0.9,1.2 --seeds 3 --out out/replay",
        "Live:    ./switchboard replay --live --workload sharegpt --replicas 4 --policies round-robin,least-outstanding \\",
        "           --load 0.5 --seeds 1 --requests 200 --out out/replay-live"})
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--workload", required = true, paramLabel = "SPEC", description = "Workload spec; see below.")
  String workload;

  @Option(names = "--replicas", defaultValue = "8", description = "Simulated replicas (default ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--gpu", defaultValue = "h100", description = "GPU profile: h100, a100-80, a100-40 or one from --gpu-profiles (default ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--gpu-profiles", paramLabel = "FILE", description = "YAML file with more GPU profiles.")
  Path gpuProfiles;

  @Option(names = "--policies", split = ",", defaultValue = "round-robin,random,least-outstanding,power-of-two,vllm-dp,consistent-hash,prefix-only",
      description = "Comma-separated policies (default: all baselines): ${COMPLETION-CANDIDATES}",
      completionCandidates = PolicyNames.class)
  List<String> policies;

  @Option(names = "--load", split = ",", description = "Offered loads relative to round-robin capacity (default 0.3,0.6,0.9,1.2).")
  List<Double> loads;

  @Option(names = "--rate", split = ",", description = "Absolute arrival rates in req/s instead of --load.")
  List<Double> rates;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per point; medians are reported (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--requests", description = "Requests per run (default: the whole trace, or 2000 for generators).")
  Integer requests;

  @Option(names = "--scrape-interval", defaultValue = "50ms", converter = DurationConverter.class,
      description = "How often engine metrics reach the router, e.g. 50ms, 1s; 0 = always fresh (default ${DEFAULT-VALUE}).")
  Duration scrapeInterval;

  @Option(names = "--slo-ttft", converter = DurationConverter.class, description = "Fixed TTFT SLO, e.g. 2s (default 5x unloaded).")
  Duration sloTtft;

  @Option(names = "--slo-tpot", converter = DurationConverter.class, description = "Fixed TPOT SLO, e.g. 50ms (default 5x unloaded).")
  Duration sloTpot;

  @Option(names = "--capacity-slice", description = "Requests per capacity probe (default: as many as each run, at least "
      + Capacity.MIN_SLICE + ").")
  Integer capacitySlice;

  @Option(names = "--capacity", defaultValue = "throughput", paramLabel = "MODE",
      description = "What load 1.0 is: throughput (max sustainable throughput of round-robin) or slo (highest rate where round-robin meets the SLO for >= 90%% of requests); default ${DEFAULT-VALUE}.")
  String capacityMode;

  @Option(names = "--traces", paramLabel = "DIR", description = "Directory of the public traces (default ../shared/traces).")
  Path traces;

  @Option(names = "--out", defaultValue = "out/replay", paramLabel = "DIR", description = "Report directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--receipts", defaultValue = "0", paramLabel = "N", description = {
      "Keep the full routing receipts of N measured requests per run (every k-th by arrival), print them",
      "and write them to DIR/receipts.txt (default ${DEFAULT-VALUE}: none)."})
  int receipts;

  @Option(names = "--outputs", defaultValue = "exact", paramLabel = "KNOWLEDGE", description = {
      "What the router is told of each request's output length: exact (its true length, as a benchmark client",
      "that sets max_tokens to it with ignore_eos) or learned (the mean answer length learned from earlier",
      "completions, all a gateway knows when clients set no max_tokens); default ${DEFAULT-VALUE}."})
  String outputs;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Option(names = "--live", description = {
      "Run each policy in real time through the gateway against simulated servers on 127.0.0.1 (slow: as long",
      "as the workload spans; keep --requests small). Capacity for --load is still measured in virtual time."})
  boolean live;

  @Option(names = "--live-timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "Hard limit on each live run; what is unfinished then counts as errors (default ${DEFAULT-VALUE}).")
  Duration liveTimeout;

  static final class PolicyNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() { return Strategies.NAMES.iterator(); }
  }

  @Override
  public Integer call() throws Exception {
    if (loads != null && rates != null) throw new ParameterException(spec.commandLine(), "give --load or --rate, not both");
    for (String p : policies) {
      if (!Strategies.NAMES.contains(p) && !p.startsWith("pipeline/")) {
        throw new ParameterException(spec.commandLine(), "unknown policy '" + p + "'; use one of " + String.join(", ", Strategies.NAMES)
            + ", or pipeline/scorers=NAME*WEIGHT+.../picker=max/...");
      }
      try {
        Strategies.create(p, new java.util.SplittableRandom(0)); // checks the names inside pipeline/... policies
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "policy '" + p + "': " + e.getMessage());
      }
    }
    if ((sloTtft == null) != (sloTpot == null)) throw new ParameterException(spec.commandLine(), "give both --slo-ttft and --slo-tpot, or neither");
    Workload w;
    try {
      w = Workloads.parse(workload, Workloads.tracesDir(traces));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Capacity.Mode mode;
    try {
      mode = Capacity.Mode.parse(capacityMode);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    GpuProfiles profiles = gpuProfiles == null ? GpuProfiles.builtIn() : GpuProfiles.load(gpuProfiles);
    var profile = profiles.find(gpu).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown GPU '" + gpu + "'; use one of " + String.join(", ", profiles.names())));
    // Default: a whole trace, or 2,000 requests of a generator (which never runs out).
    int n = requests != null ? requests : w.size() != Integer.MAX_VALUE ? w.size() : 2000;
    if (receipts < 0) throw new ParameterException(spec.commandLine(), "--receipts must be >= 0, was " + receipts);
    if (!outputs.equals("exact") && !outputs.equals("learned")) {
      throw new ParameterException(spec.commandLine(), "--outputs must be exact or learned, was '" + outputs + "'");
    }
    if (live && outputs.equals("learned")) {
      throw new ParameterException(spec.commandLine(), "--outputs learned is for virtual time: live clients send "
          + "max_tokens = the true length, and the gateway learns what to expect from it");
    }
    ReplayConfig base = new ReplayConfig(replicas, Strategies.ROUND_ROBIN, 1, scrapeInterval.toNanos(), 0.1,
        new Slo(1, 1), ReplayConfig.DEFAULT_PREFIX_BLOCK, 120, receipts, outputs.equals("learned"));
    Slo slo = sloTtft == null ? null : new Slo(sloTtft.toNanos(), sloTpot.toNanos());
    List<Double> l = rates != null ? List.of() : loads != null ? loads : List.of(0.3, 0.6, 0.9, 1.2);
    var sweep = new Sweep(w, EngineFactory.calibrated(profile), policies, l, rates != null ? rates : List.of(), seeds, n,
        base, slo, 5, capacitySlice != null ? capacitySlice : n, mode);
    PrintWriter err = spec.commandLine().getErr();
    Consumer<String> progress = line -> {
      if (!quiet) {
        err.println("replay: " + line);
        err.flush();
      }
    };
    Sweep.Result result;
    if (live) {
      if (liveTimeout.isZero() || liveTimeout.isNegative()) throw new ParameterException(spec.commandLine(), "--live-timeout must be > 0");
      // One access-log line per request would bury the table; the replay measures requests itself.
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("switchboard.access")).setLevel(Level.OFF);
      result = sweep.run(progress, LiveReplay.runner(LiveOptions.defaults().withTimeout(liveTimeout)), LiveReplay.MODE);
    } else {
      result = sweep.run(progress);
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.json"), ReportJson.render(result), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("report.html"), ReportHtml.render(result), StandardCharsets.UTF_8);
    PrintWriter o = spec.commandLine().getOut();
    if (receipts > 0) {
      String text = ReportReceipts.render(result);
      Files.writeString(out.resolve("receipts.txt"), text, StandardCharsets.UTF_8);
      o.print(text);
      o.println("wrote " + out.resolve("receipts.txt"));
    }
    o.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.html"));
    o.print(ReportTable.render(result));
    o.flush();
    return 0;
  }

  /** Durations as {@code 50ms}, {@code 2s}, {@code 1m} or {@code 0}. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String v) {
      String s = v.trim().toLowerCase(Locale.ROOT);
      try {
        if (s.equals("0")) return Duration.ZERO;
        if (s.endsWith("ms")) return Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 2)) * 1e6));
        if (s.endsWith("us")) return Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 2)) * 1e3));
        if (s.endsWith("s")) return Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1e9));
        if (s.endsWith("m")) return Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60));
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
      throw new picocli.CommandLine.TypeConversionException("'" + v + "' is not a duration; write e.g. 50ms, 2s or 0");
    }
  }
}
