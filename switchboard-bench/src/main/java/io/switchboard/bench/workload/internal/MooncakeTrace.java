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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Mooncake trace format (kvcache-ai/Mooncake, FAST'25): one JSON object per line with {@code timestamp}
 * (ms from start), {@code input_length}, {@code output_length} and {@code hash_ids}, one id per 512-token
 * prompt block, equal leading ids meaning an equal prefix.
 *
 * <p>Each id becomes 512 tokens generated from a seed derived from the id alone, so equal ids give equal
 * tokens at any block size; the last block is cut to {@code input_length - 512 (n - 1)} tokens. Timestamps
 * fall on a 1 ms grid with many requests per tick; the requests of one tick are spread over it at sorted
 * uniform offsets from the seeded generator, so the router does not see artificial bursts. The session key
 * is the first block's id (the request's prefix). The file is read lazily, one tick at a time.
 */
public final class MooncakeTrace implements Workload {
  static final int BLOCK = 512;
  private static final long NANOS_PER_MS = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String spec;
  private final Path file;
  private final int size;
  private final double nominalRate;

  public MooncakeTrace(String spec, Path file) {
    this.spec = spec;
    this.file = file;
    // One cheap pass for the row count and span, so --rate and --requests can be honoured.
    int rows = 0;
    long lastMs = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        rows++;
        lastMs = Math.max(lastMs, timestamp(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Mooncake trace " + file, e);
    }
    if (rows == 0) throw new IllegalArgumentException("Mooncake trace " + file + " has no requests");
    this.size = rows;
    this.nominalRate = rows / Math.max(1e-3, lastMs / 1000.0);
  }

  @Override public String spec() { return spec; }

  @Override public double nominalRate() { return nominalRate; }

  @Override public int size() { return size; }

  @Override
  public RequestStream open(long seed, double rateScale, int limit) {
    try {
      return new Stream(Files.newBufferedReader(file), new SplittableRandom(seed), rateScale, limit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Mooncake trace " + file, e);
    }
  }

  /** The {@code timestamp} field of a line without a full JSON parse (the pre-scan reads only this). */
  private static long timestamp(String line) {
    int k = line.indexOf("\"timestamp\"");
    if (k < 0) return JSON.readTree(line).path("timestamp").asLong();
    int i = line.indexOf(':', k) + 1;
    while (i < line.length() && line.charAt(i) == ' ') i++;
    long v = 0;
    while (i < line.length() && Character.isDigit(line.charAt(i))) v = v * 10 + (line.charAt(i++) - '0');
    return v;
  }

  /** Parses one line into a request at its tick's start; the stream then moves it within the tick. */
  static TraceRequest parse(String line, long id, Path file, long lineNo) {
    JsonNode n = JSON.readTree(line);
    JsonNode ids = n.path("hash_ids");
    int input = n.path("input_length").asInt();
    int output = n.path("output_length").asInt();
    if (!ids.isArray() || ids.isEmpty() || input < 1) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": need input_length >= 1 and a non-empty hash_ids array");
    }
    long[] seeds = new long[ids.size()];
    int[] lengths = new int[ids.size()];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = Seeds.mix64(ids.get(i).asLong() + 0x4D6F6F6E63616B65L);
      lengths[i] = BLOCK;
    }
    int last = input - BLOCK * (seeds.length - 1);
    if (last < 1 || last > BLOCK) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": input_length " + input + " does not fit "
          + seeds.length + " blocks of " + BLOCK + " tokens");
    }
    lengths[seeds.length - 1] = last;
    long key = Seeds.mix64(ids.get(0).asLong() + 1);
    return new TraceRequest(id, n.path("timestamp").asLong() * NANOS_PER_MS, new PromptRecipe(seeds, lengths),
        Math.max(1, output), key == 0 ? 1 : key);
  }

  private final class Stream implements RequestStream {
    private final BufferedReader in;
    private final SplittableRandom random;
    private final double rateScale;
    private final int limit;
    private final ArrayDeque<TraceRequest> tick = new ArrayDeque<>();
    private String pending;
    private long lineNo;
    private long emitted;

    Stream(BufferedReader in, SplittableRandom random, double rateScale, int limit) {
      this.in = in;
      this.random = random;
      this.rateScale = rateScale;
      this.limit = limit;
    }

    @Override
    public TraceRequest next() {
      if (emitted >= limit) return null;
      if (tick.isEmpty()) fillTick();
      TraceRequest r = tick.poll();
      if (r != null) emitted++;
      return r;
    }

    private void fillTick() {
      try {
        var rows = new ArrayList<TraceRequest>();
        for (;;) {
          String line = pending != null ? pending : in.readLine();
          pending = null;
          if (line == null) break;
          lineNo++;
          if (line.isBlank()) continue;
          TraceRequest r = parse(line, emitted + rows.size(), file, lineNo);
          if (!rows.isEmpty() && r.arrivalNanos() != rows.getFirst().arrivalNanos()) {
            pending = line;
            lineNo--;
            break;
          }
          rows.add(r);
        }
        if (rows.isEmpty()) return;
        double[] offsets = new double[rows.size()];
        for (int i = 0; i < offsets.length; i++) offsets[i] = random.nextDouble();
        Arrays.sort(offsets);
        for (int i = 0; i < offsets.length; i++) {
          TraceRequest r = rows.get(i);
          long at = r.arrivalNanos() + (long) (offsets[i] * NANOS_PER_MS);
          tick.add(new TraceRequest(r.id(), (long) (at / rateScale), r.prompt(), r.outputTokens(), r.sessionKey()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Mooncake trace " + file, e);
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
  }
}
