package io.switchboard.bench.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx as a plain reverse proxy (the reference point with no LLM awareness): buffering off, HTTP/1.1
 * keep-alive to the upstream, run in the foreground from a private prefix directory.
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  final int port;

  private Nginx(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/sbin/nginx")) || Files.isExecutable(Path.of("/usr/bin/nginx"));
  }

  static Nginx start(Path workDir, int port, int upstreamPort) throws IOException {
    Path prefix = Files.createDirectories(workDir.resolve("nginx"));
    Files.createDirectories(prefix.resolve("logs"));
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(conf, """
        worker_processes 2;
        error_log logs/error.log warn;
        pid logs/nginx.pid;
        events { worker_connections 4096; }
        http {
          access_log off;
          upstream backend { server 127.0.0.1:%d; keepalive 128; }
          server {
            listen 127.0.0.1:%d;
            location / {
              proxy_pass http://backend;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_buffering off;
              proxy_request_buffering off;
              tcp_nodelay on;
            }
          }
        }
        """.formatted(upstreamPort, port));
    String bin = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "/usr/bin/nginx";
    Process p = new ProcessBuilder(bin, "-p", prefix.toString(), "-c", conf.toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    return new Nginx(p, port);
  }

  long pid() { return process.pid(); }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
