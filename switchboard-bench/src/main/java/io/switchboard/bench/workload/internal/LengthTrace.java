package io.switchboard.bench.workload.internal;

import io.switchboard.bench.workload.Arrivals;
import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A length-only trace (the ShareGPT and arXiv statistics CSVs of sarathi-serve and Vidur: columns
 * {@code num_prefill_tokens, num_decode_tokens, ...}) with synthetic arrivals. Each request draws a row
 * uniformly with replacement; prompts are distinct (no prefix sharing) and carry no session key. Only the
 * two length columns are held in memory (8 bytes a row), never prompts.
 */
public final class LengthTrace implements Workload {
  private final String spec;
  private final int[] prefill;
  private final int[] decode;
  private final Arrivals arrivals;
  private final double rate;

  public LengthTrace(String spec, Path file, Arrivals arrivals, double rate) {
    this.spec = spec;
    this.arrivals = arrivals;
    this.rate = rate;
    int[] p = new int[1024], d = new int[1024];
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String head = in.readLine();
      List<String> cols = head == null ? List.of() : Arrays.asList(head.split(","));
      int pi = cols.indexOf("num_prefill_tokens"), di = cols.indexOf("num_decode_tokens");
      if (pi < 0 || di < 0) {
        throw new IllegalArgumentException(file + ":1: expected columns num_prefill_tokens and num_decode_tokens");
      }
      long lineNo = 1;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] f = line.split(",");
        if (n == p.length) {
          p = Arrays.copyOf(p, n * 2);
          d = Arrays.copyOf(d, n * 2);
        }
        try {
          p[n] = Math.max(1, (int) Double.parseDouble(f[pi]));
          d[n] = Math.max(1, (int) Double.parseDouble(f[di]));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": bad length row '" + line + "'", e);
        }
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read length trace " + file, e);
    }
    if (n == 0) throw new IllegalArgumentException("length trace " + file + " has no rows");
    this.prefill = Arrays.copyOf(p, n);
    this.decode = Arrays.copyOf(d, n);
  }

  @Override public String spec() { return spec; }

  @Override public double nominalRate() { return rate; }

  @Override public int size() { return Integer.MAX_VALUE; }

  /** Rows in the file. */
  public int rows() { return prefill.length; }

  @Override
  public RequestStream open(long seed, double rateScale, int limit) {
    return new SyntheticStream(seed, arrivals, rate * rateScale, limit, (id, at, random) -> {
      int row = random.nextInt(prefill.length);
      return new TraceRequest(id, at, PromptRecipe.of(Seeds.of(seed, id), prefill[row]), decode[row], 0);
    });
  }
}
