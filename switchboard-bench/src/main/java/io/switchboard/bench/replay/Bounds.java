package io.switchboard.bench.replay;

import io.switchboard.bench.replay.internal.LongSet;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import io.switchboard.core.prefix.BlockHashes;
import io.switchboard.core.prefix.CacheReplayBound;
import io.switchboard.sim.model.GpuProfile;
import io.switchboard.sim.model.StepTimeModel;
import java.util.Arrays;

/**
 * Physical limits of one run that no routing policy can beat, from the calibrated step-time model alone (no
 * queueing, no contention), so a criterion a policy misses can be shown to be out of reach. For the measured
 * requests (after the warm-up) of one (rate scale, seed):
 * <ul>
 *   <li><b>TTFT floor</b> per request: its uncached prefill alone on an idle replica plus the API overhead, where
 *       "uncached" assumes an <em>infinite</em> prefix cache shared by every replica (the longest run of full
 *       16-token blocks that any earlier request's prompt, or its answer when a later turn repeats it, already
 *       contained; a whole-prompt hit still recomputes one token, as the engine). Any real run computes at least
 *       these tokens, in at least {@code ceil(n / max_num_batched_tokens)} steps, each at least as long as its own
 *       terms of the step-time formula, so every request's TTFT is at least its floor and so is every
 *       percentile (order statistics are monotone). Reported as p50, p90 and p99 of the floors.</li>
 *   <li><b>Duration floor</b>: the time from the first measured arrival to the last measured completion (the
 *       window throughput and goodput divide by) is at least (a) any measured request's arrival offset plus its
 *       end-to-end floor (its TTFT floor, then one decode step alone per further token) and (b) the measured
 *       requests' GPU work spread evenly over the replicas, where a request's work is the part of the step-time
 *       formula its own tokens add to the steps it is in (linear compute of its uncached prompt and its decode
 *       tokens, prefill attention, decode KV reads of its whole context, per-sequence cost); step overheads and
 *       weight streaming, which steps share, are left out, and warm-up requests' work is ignored, so this is a
 *       lower bound.</li>
 *   <li><b>Throughput ceilings</b>: measured requests (so also goodput) and measured output tokens over the
 *       duration floor.</li>
 * </ul>
 * Besides the bounds, one <em>estimate</em>: the p90 of the same per-request prefill-alone TTFT but with the hits
 * of the cache-replay bound ({@link Replay#hitRateBound}: LRU caches of the replicas' KV capacity, best match under
 * a 1.2x load guard) instead of an infinite cache. It is not a bound (another placement or eviction order could hit
 * more), but it shows what finite KV leaves of the floor where the infinite cache is far too generous (Mooncake).
 *
 * @param ttftFloorP50Ms            median of the per-request TTFT floors, ms
 * @param ttftFloorP90Ms            90th percentile (nearest rank), ms
 * @param ttftFloorP99Ms            99th percentile (nearest rank), ms
 * @param durationFloorSeconds      lower bound on the measured window
 * @param requestsPerSCeiling       upper bound on throughput and goodput, req/s
 * @param outputTokensPerSCeiling   upper bound on output token throughput, tokens/s
 * @param infiniteCacheHitRate      cached prompt tokens / prompt tokens of measured requests with the infinite cache
 * @param replayHitsTtftP90Ms       the estimate above: p90 of prefill alone + API with the cache-replay bound's hits
 */
public record Bounds(double ttftFloorP50Ms, double ttftFloorP90Ms, double ttftFloorP99Ms, double durationFloorSeconds,
                     double requestsPerSCeiling, double outputTokensPerSCeiling, double infiniteCacheHitRate,
                     double replayHitsTtftP90Ms) {

  /**
   * The bounds of {@code requests} requests of {@code workload} at {@code rateScale}, seed {@code seed}, on
   * {@code replicas} replicas of {@code profile}; the first {@code warmupFraction} of requests warm the cache but
   * are not measured, as in a run.
   */
  public static Bounds measure(Workload workload, double rateScale, int requests, long seed, double warmupFraction,
                               int replicas, GpuProfile profile) {
    Roofline m = Roofline.of(new StepTimeModel(profile));
    int budget = profile.maxNumBatchedTokens();
    double api = profile.calibration().apiOverheadSeconds();
    int limit = Math.min(requests, workload.size());
    long warmup = (long) Math.floor(limit * warmupFraction);
    LongSet seen = new LongSet();
    double[] ttft = new double[Math.max(0, limit)];
    double[] replayTtft = new double[Math.max(0, limit)];
    int blocks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, profile.kvCapacityTokens() / Replay.ENGINE_BLOCK));
    var replay = new CacheReplayBound(replicas, Replay.ENGINE_BLOCK, blocks, Replay.BOUND_SLACK);
    int measured = 0;
    long first = -1, arrival = 0, outputTokens = 0, promptTokens = 0, cachedTokens = 0;
    double work = 0, lastEnd = 0;
    try (RequestStream stream = workload.open(seed, rateScale, limit)) {
      for (TraceRequest r; (r = stream.next()) != null; ) {
        // As the replay: a trace whose timestamps go backwards is replayed in file order.
        arrival = Math.max(arrival, r.arrivalNanos());
        int[] tokens = r.prompt().tokens();
        BlockHashes h = BlockHashes.ofTokens(tokens, GpuProfile.BLOCK_SIZE);
        int hit = 0;
        while (hit < h.length() && seen.contains(h.get(hit))) hit++;
        for (int i = hit; i < h.length(); i++) seen.add(h.get(i));
        if (r.answer() != null) {
          int[] whole = Arrays.copyOf(tokens, tokens.length + r.outputTokens());
          System.arraycopy(r.answer().tokens(), 0, whole, tokens.length, r.outputTokens());
          BlockHashes all = BlockHashes.ofTokens(whole, GpuProfile.BLOCK_SIZE);
          for (int i = 0; i < all.length(); i++) seen.add(all.get(i));
        }
        long replayHitsBefore = replay.hitTokens();
        replay.offer(h, tokens.length, r.id() >= warmup);
        if (r.id() < warmup) continue;
        long replayCached = replay.hitTokens() - replayHitsBefore;
        long replayUncached = tokens.length - replayCached;
        replayTtft[measured] = (m.prefillFloor(replayCached, replayUncached, (replayUncached + budget - 1) / budget) + api) * 1e3;
        long p = Math.min((long) hit * GpuProfile.BLOCK_SIZE, tokens.length - 1L);
        long n = tokens.length - p;
        long chunks = (n + budget - 1) / budget;
        int out = r.outputTokens();
        double prefill = m.prefillFloor(p, n, chunks);
        ttft[measured++] = (prefill + api) * 1e3;
        long decodes = out - 1L;
        double decodeContext = decodes * (double) tokens.length + decodes * (decodes + 1) / 2.0;
        double e2e = prefill + api + decodes * m.decodeAloneBase() + m.perContextToken() * decodeContext;
        if (first < 0) first = arrival;
        lastEnd = Math.max(lastEnd, (arrival - first) / 1e9 + e2e);
        work += m.perSeq() * (chunks + decodes) + m.perLinearToken() * (n + decodes)
            + m.perAttentionPair() * StepTimeModel.prefillPairs(p, n) + m.perContextToken() * decodeContext;
        outputTokens += out;
        promptTokens += tokens.length;
        cachedTokens += p;
      }
    }
    if (measured == 0) return new Bounds(0, 0, 0, 0, 0, 0, 0, 0);
    double[] sorted = Arrays.copyOf(ttft, measured);
    Arrays.sort(sorted);
    double[] replaySorted = Arrays.copyOf(replayTtft, measured);
    Arrays.sort(replaySorted);
    double duration = Math.max(lastEnd, work / replicas);
    return new Bounds(rank(sorted, 0.5), rank(sorted, 0.9), rank(sorted, 0.99), duration, measured / duration,
        outputTokens / duration, (double) cachedTokens / promptTokens, rank(replaySorted, 0.9));
  }

  /** Nearest-rank percentile, as the run's own percentiles. */
  private static double rank(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * The coefficients of the step-time formula, read off the model by differences (it is linear in each input
   * apart from the max of linear compute and weight streaming), so the bound uses exactly the simulator's physics.
   */
  record Roofline(double stepOverhead, double perSeq, double perLinearToken, double weights, double perAttentionPair,
                  double perContextToken) {
    static Roofline of(StepTimeModel s) {
      double base = s.stepSeconds(0, 0, 0, 0); // t_step + weights
      double perSeq = s.stepSeconds(1, 0, 0, 0) - base;
      double perPair = s.stepSeconds(0, 0, 1e6, 0) / 1e6 - base / 1e6;
      double perCtx = s.stepSeconds(0, 0, 0, 1_000_000) / 1e6 - base / 1e6;
      long big = 1L << 30; // far past the point where compute exceeds weight streaming
      double perLin = (s.stepSeconds(0, 2 * big, 0, 0) - s.stepSeconds(0, big, 0, 0)) / big;
      double stepOverhead = s.stepSeconds(0, big, 0, 0) - perLin * big;
      return new Roofline(stepOverhead, perSeq, perLin, base - stepOverhead, perPair, perCtx);
    }

    /**
     * Least time to prefill {@code n} tokens on top of {@code p} cached ones in at least {@code chunks} steps: any
     * split costs at least each step's fixed and per-sequence cost, the larger of all tokens' linear compute and one
     * weight pass per step, and the attention work (the same for every split).
     */
    double prefillFloor(long p, long n, long chunks) {
      return chunks * (stepOverhead + perSeq) + Math.max(perLinearToken * n, chunks * weights)
          + perAttentionPair * StepTimeModel.prefillPairs(p, n);
    }

    /** One decode step alone, without its KV reads: overheads and one weight pass (it exceeds one token's compute). */
    double decodeAloneBase() { return stepOverhead + perSeq + Math.max(perLinearToken, weights); }
  }
}
