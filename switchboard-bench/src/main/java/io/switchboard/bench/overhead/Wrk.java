package io.switchboard.bench.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian package {@code wrk}) with a Lua script that posts one fixed chat request, and parses its output. */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

  private final Path script;

  Wrk(Path workDir, String body) throws IOException {
    this.script = workDir.resolve("post.lua");
    String escaped = body.replace("\\", "\\\\").replace("\"", "\\\"");
    Files.writeString(script, """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["Authorization"] = "Bearer bench"
        wrk.body = "%s"
        """.formatted(escaped), StandardCharsets.UTF_8);
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** One wrk run; latency percentiles come from {@code --latency}. */
  Result run(String url, int connections, Duration duration) throws IOException, InterruptedException {
    int threads = Math.min(2, connections);
    Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
        "--latency", "-s", script.toString(), url).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("wrk did not finish");
    }
    return new Result(
        find(RPS, out, 1), (long) find(TOTAL, out, 1),
        percentile(out, "50%"), percentile(out, "99%"),
        (long) find(NON2XX, out, 1) + (long) (find(ERRORS, out, 1) + find(ERRORS, out, 2) + find(ERRORS, out, 3) + find(ERRORS, out, 4)),
        out);
  }

  private static double find(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    return m.find() ? Double.parseDouble(m.group(group)) : 0;
  }

  /** wrk prints e.g. {@code "     50%  123.00us"}; returns milliseconds. */
  private static double percentile(String out, String label) {
    Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) return Double.NaN;
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "ms" -> v;
      default -> v * 1000;
    };
  }

  record Result(double requestsPerSecond, long requests, double p50Ms, double p99Ms, long errors, String raw) {}
}
