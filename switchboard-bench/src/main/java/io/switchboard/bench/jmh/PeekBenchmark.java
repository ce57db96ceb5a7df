package io.switchboard.bench.jmh;

import io.switchboard.gateway.internal.HotPaths;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The request peek: one pass of Jackson's streaming parser over a chat request body to read {@code model},
 * {@code stream}, {@code max_tokens} and friends, skipping the messages. Bodies of about 1 KB (the overhead
 * benchmark's) and 16 KB (a long prompt). Run: {@code ./switchboard bench jmh Peek}.
 */
public class PeekBenchmark extends AverageNanos {
  @Param({"1024", "16384"})
  int bodyBytes;

  private byte[] body;

  @Setup
  public void setup() {
    body = Bodies.chatRequest(bodyBytes).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public String peek() {
    return HotPaths.peekModel(body, body.length);
  }
}
