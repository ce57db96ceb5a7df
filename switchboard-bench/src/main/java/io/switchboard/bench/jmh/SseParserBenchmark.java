package io.switchboard.bench.jmh;

import io.switchboard.gateway.internal.SseParser;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The SSE parser over a chat stream of {@value #EVENTS} token events, fed as one chunk per event (how a
 * token stream usually arrives) or in 64-byte slices (events split across chunks, so lines are buffered).
 * Reported per event. Run: {@code ./switchboard bench jmh SseParser}.
 */
public class SseParserBenchmark extends AverageNanos {
  static final int EVENTS = 64;
  private static final String EVENT = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1700000000,\"model\":\"llama-3-8b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},"
      + "\"finish_reason\":null}]}\n\n";

  @Param({"event", "64"})
  String chunking;

  private byte[] stream;
  private int chunk;
  private int bytesSeen;
  private final SseParser.Listener listener = (data, length, hasData, end) -> bytesSeen += length;

  @Setup
  public void setup() {
    stream = EVENT.repeat(EVENTS).getBytes(StandardCharsets.UTF_8);
    chunk = chunking.equals("event") ? EVENT.getBytes(StandardCharsets.UTF_8).length : Integer.parseInt(chunking);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public int parse() {
    SseParser parser = new SseParser();
    bytesSeen = 0;
    for (int off = 0; off < stream.length; off += chunk) {
      parser.feed(stream, off, Math.min(chunk, stream.length - off), listener);
    }
    return bytesSeen;
  }
}
