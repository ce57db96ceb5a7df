package io.switchboard.bench.workload.internal;

import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The Azure LLM inference trace format (Azure/AzurePublicDataset 2023; Patel et al., "Splitwise", ISCA'24):
 * CSV with a header {@code TIMESTAMP,ContextTokens,GeneratedTokens}, wall-clock timestamps such as
 * {@code 2023-11-16 18:15:46.6805900}. Arrivals are taken relative to the first row. The trace carries no
 * prefix information, so every prompt is distinct and there is no session key. Read lazily.
 */
public final class AzureTrace implements Workload {
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();
  private final String spec;
  private final Path file;
  private final int size;
  private final double nominalRate;

  public AzureTrace(String spec, Path file) {
    this.spec = spec;
    this.file = file;
    int rows = 0;
    long first = Long.MIN_VALUE, last = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      header(in.readLine());
      long lineNo = 1;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) continue;
        long t = parseTime(line.substring(0, Math.max(0, line.indexOf(','))), lineNo);
        if (first == Long.MIN_VALUE) first = t;
        last = t;
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Azure trace " + file, e);
    }
    if (rows == 0) throw new IllegalArgumentException("Azure trace " + file + " has no requests");
    this.size = rows;
    this.nominalRate = rows / Math.max(1e-3, (last - first) / 1e9);
  }

  @Override public String spec() { return spec; }

  @Override public double nominalRate() { return nominalRate; }

  @Override public int size() { return size; }

  @Override
  public RequestStream open(long seed, double rateScale, int limit) {
    final BufferedReader in;
    try {
      in = Files.newBufferedReader(file);
      header(in.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Azure trace " + file, e);
    }
    return new RequestStream() {
      long first = Long.MIN_VALUE;
      long lineNo = 1;
      long id;

      @Override
      public TraceRequest next() {
        if (id >= limit) return null;
        try {
          for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            if (f.length < 3) throw new IllegalArgumentException(file + ":" + lineNo + ": expected 3 columns, got " + f.length);
            long t = parseTime(f[0], lineNo);
            if (first == Long.MIN_VALUE) first = t;
            int context = Math.max(1, Integer.parseInt(f[1].trim()));
            int generated = Math.max(1, Integer.parseInt(f[2].trim()));
            long at = (long) ((t - first) / rateScale);
            long reqId = id++;
            return new TraceRequest(reqId, at, PromptRecipe.of(Seeds.of(seed, reqId), context), generated, 0);
          }
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read Azure trace " + file, e);
        }
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private void header(String line) {
    if (line == null || !line.startsWith("TIMESTAMP")) {
      throw new IllegalArgumentException(file + ":1: expected the header TIMESTAMP,ContextTokens,GeneratedTokens");
    }
  }

  private long parseTime(String s, long lineNo) {
    try {
      LocalDateTime t = LocalDateTime.parse(s.trim(), TIME);
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": bad TIMESTAMP '" + s + "' (want yyyy-MM-dd HH:mm:ss.fffffff)", e);
    }
  }
}
