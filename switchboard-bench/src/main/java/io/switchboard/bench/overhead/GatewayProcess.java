package io.switchboard.bench.overhead;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A proxy under test as its own JVM, so that its CPU time and memory can be read from {@code /proc} apart
 * from the load generator's: the gateway ({@code switchboard serve}) or the {@link MinimalProxy} reference.
 *
 * <p>The gateway's config sits in a directory of its own: the config watcher watches that directory, and a
 * log file next to it would wake the watcher on every line the gateway writes.
 */
final class GatewayProcess implements AutoCloseable {
  private final Process process;
  final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static GatewayProcess start(Path workDir, int port, int fastPort, int slowPort, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path config = Files.createDirectories(workDir.resolve("config")).resolve("gateway.yaml");
    Files.writeString(config, """
        server: {host: 127.0.0.1, port: %d}
        endpoints:
          - {id: fast, url: "http://127.0.0.1:%d/v1", max_concurrent: 20000}
          - {id: slow, url: "http://127.0.0.1:%d/v1", max_concurrent: 20000}
        groups:
          - {model: bench, endpoints: [fast], strategy: round-robin}
          - {model: bench-slow, endpoints: [slow], strategy: round-robin}
        """.formatted(port, fastPort, slowPort));
    return launch(workDir, "gateway", port, jvmOptions, List.of("io.switchboard.cli.Main",
        "serve", "--config", config.toString()));
  }

  /** The bare Vert.x pass-through, with the same JVM options and event loops as the gateway. */
  static GatewayProcess startMinimal(Path workDir, int port, int upstreamPort, List<String> jvmOptions)
      throws IOException, InterruptedException {
    return launch(workDir, "vertx-minimal", port, jvmOptions, List.of(MinimalProxy.class.getName(),
        Integer.toString(port), Integer.toString(upstreamPort), "2"));
  }

  private static GatewayProcess launch(Path workDir, String name, int port, List<String> jvmOptions,
                                       List<String> mainAndArgs) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.addAll(mainAndArgs);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(workDir.resolve(name + ".log").toFile()).start();
    GatewayProcess g = new GatewayProcess(p, port);
    g.awaitReady(name, Duration.ofSeconds(60));
    return g;
  }

  private void awaitReady(String name, Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IOException(name + " exited with " + process.exitValue() + "; see " + name + ".log");
      try {
        var resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException(name + " not ready after " + timeout);
  }

  long pid() { return process.pid(); }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
