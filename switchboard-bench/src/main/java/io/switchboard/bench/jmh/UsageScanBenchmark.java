package io.switchboard.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.gateway.internal.HotPaths;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * Reading {@code usage} from a non-stream completion as the relay forwards it: the gateway's byte scan
 * ({@code UsageFinder}, on a heap array and on a direct Netty buffer as read from a socket; and from the end
 * of a body that arrived in one chunk, the usual case) against
 * tokenising the whole body with Jackson's non-blocking parser, which is what the relay did before.
 * Run: {@code ./switchboard bench jmh UsageScan}.
 */
public class UsageScanBenchmark extends AverageNanos {
  @Param({"40", "4096"})
  int answerBytes;

  private final JsonFactory json = new JsonFactory();
  private byte[] body;
  private ByteBuf direct;

  @Setup
  public void setup() {
    body = Bodies.chatCompletion(answerBytes).getBytes(StandardCharsets.UTF_8);
    direct = Unpooled.directBuffer(body.length).writeBytes(body);
    if (HotPaths.completionTokens(body, 0, body.length) != 7 || HotPaths.completionTokensOneChunk(direct) != 7) {
      throw new IllegalStateException("usage not found");
    }
  }

  @TearDown
  public void tearDown() { direct.release(); }

  @Benchmark
  public int usageFinderHeap() {
    return HotPaths.completionTokens(body, 0, body.length);
  }

  @Benchmark
  public int usageFinderDirect() {
    return HotPaths.completionTokens(direct);
  }

  /** What the relay does with an answer that arrived in one chunk: read from its end. */
  @Benchmark
  public int usageFromEndDirect() {
    return HotPaths.completionTokensOneChunk(direct);
  }

  @Benchmark
  public int jacksonNonBlockingTokens() {
    try (JsonParser p = json.createNonBlockingByteArrayParser(ObjectReadContext.empty())) {
      ((ByteArrayFeeder) p.nonBlockingInputFeeder()).feedInput(body, 0, body.length);
      ((ByteArrayFeeder) p.nonBlockingInputFeeder()).endOfInput();
      int tokens = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) tokens++;
      return tokens;
    }
  }
}
