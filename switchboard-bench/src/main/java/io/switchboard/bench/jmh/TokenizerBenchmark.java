package io.switchboard.bench.jmh;

import io.switchboard.gateway.routing.Tokenizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a group's {@code tokenizer} costs per request: an exact count of about 1 KB and 16 KB of English prompt
 * text. Run: {@code ./switchboard bench jmh Tokenizer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenizerBenchmark {
  @Param({"o200k_base", "cl100k_base"})
  String encoding;

  @Param({"1024", "16384"})
  int textBytes;

  private Tokenizer tokenizer;
  private StringBuilder text;

  @Setup
  public void setup() {
    tokenizer = Tokenizer.of(encoding);
    String sentence = "The gateway routes each request by what it costs and where its cache is. ";
    text = new StringBuilder();
    while (text.length() < textBytes) text.append(sentence);
    text.setLength(textBytes);
  }

  @Benchmark
  public int count() {
    return tokenizer.count(text, 2);
  }
}
