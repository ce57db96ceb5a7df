package io.switchboard.bench.jmh;

import io.switchboard.gateway.routing.Tokenizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What a group's {@code tokenizer} costs per request: an exact count of about 1 KB and 16 KB of English prompt
 * text. Run: {@code ./switchboard bench jmh Tokenizer}.
 */
public class TokenizerBenchmark extends AverageNanos {
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
