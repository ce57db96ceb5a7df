package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    var cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run replay(Path out) {
    return run("replay", "--workload", "shared-prefix:groups=4", "--replicas", "2", "--gpu", "h100",
        "--policies", "round-robin,prefix-only", "--rate", "4", "--seeds", "1", "--requests", "60",
        "--out", out.toString(), "--quiet");
  }

  @Test
  void replay_calibratedEngine_writesReports_andPrintsTheTableLast() throws Exception {
    Run r = replay(dir.resolve("a"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(dir.resolve("a/report.json")).exists();
    assertThat(dir.resolve("a/report.html")).exists();
    // The table ends the output: its policy rows, then its footer of physical bounds (one per rate).
    var lines = r.out().strip().lines().toList();
    var rows = lines.stream().filter(l -> !l.startsWith("bound at ")).toList();
    assertThat(rows.getLast()).startsWith("prefix-only");
    assertThat(lines.subList(lines.indexOf(rows.getLast()) + 1, lines.size())).isNotEmpty()
        .allMatch(l -> l.startsWith("bound at "));
    assertThat(Files.readString(dir.resolve("a/report.json"))).contains("\"gpu\" : \"h100\"", "\"hit_rate_bound\"");
  }

  @Test
  void replay_sameArguments_sameReportBytes() throws Exception {
    assertThat(replay(dir.resolve("a")).exit()).isZero();
    assertThat(replay(dir.resolve("b")).exit()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("b/report.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a/report.json")));
    assertThat(Files.readAllBytes(dir.resolve("b/report.html"))).isEqualTo(Files.readAllBytes(dir.resolve("a/report.html")));
  }

  @Test
  void replay_live_writesTheSameReportShape_markedLive() throws Exception {
    // Real time: 20 short requests at 10 req/s through the gateway onto 2 simulated servers (~2 s plus warm-up).
    Run r = run("replay", "--live", "--workload", "shared-prefix:groups=4:system=64-256:question=16-64:output=8-16:rate=10",
        "--replicas", "2", "--policies", "round-robin", "--rate", "10", "--seeds", "1", "--requests", "20",
        "--live-timeout", "60s", "--out", dir.resolve("live").toString(), "--quiet");
    assertThat(r.exit()).as(r.err()).isZero();
    String json = Files.readString(dir.resolve("live/report.json"));
    assertThat(json).contains("\"mode\" : \"live\"", "\"policy\" : \"round-robin\"", "\"requests_per_replica\"");
    assertThat(r.out()).contains("live: workload shared-prefix");
    assertThat(Files.readString(dir.resolve("live/report.html"))).contains("Replay (live)");
  }

  @Test
  void replay_badArguments_exitWithAMessageThatNamesTheFix() {
    Run policy = run("replay", "--workload", "b2b", "--policies", "smartest", "--rate", "1");
    assertThat(policy.exit()).isEqualTo(2);
    assertThat(policy.err()).contains("unknown policy 'smartest'", "least-outstanding");
    Run workload = run("replay", "--workload", "b2b:grups=3", "--rate", "1");
    assertThat(workload.exit()).isEqualTo(2);
    assertThat(workload.err()).contains("unknown option 'grups'");
    Run gpu = run("replay", "--workload", "b2b", "--gpu", "tpu", "--rate", "1");
    assertThat(gpu.err()).contains("unknown GPU 'tpu'", "h100");
    Run outputs = run("replay", "--workload", "b2b", "--outputs", "guessed", "--rate", "1");
    assertThat(outputs.exit()).isEqualTo(2);
    assertThat(outputs.err()).contains("--outputs must be exact or learned, was 'guessed'");
    Run live = run("replay", "--workload", "b2b", "--outputs", "learned", "--live", "--rate", "1");
    assertThat(live.err()).contains("--outputs learned is for virtual time");
  }

  @Test
  void replay_help_documentsEveryWorkloadSpec() {
    Run help = run("replay", "--help");
    assertThat(help.out()).contains("mooncake", "azure-conv", "sharegpt:gamma:cv=4", "shared-prefix", "b2b", "multiturn",
        "one-system-prompt", "file:PATH", "--scrape-interval", "capacity", "--live", "--live-timeout");
  }
}
