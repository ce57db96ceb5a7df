package io.switchboard.bench.workload.internal;

import io.switchboard.bench.workload.Arrivals;
import io.switchboard.bench.workload.PromptRecipe;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import io.switchboard.bench.workload.Workload;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Multi-turn chat sessions. Sessions start as an open-loop process at {@code rate / mean turns} per second,
 * so requests arrive at about {@code rate}. A session opens with its own system prompt and user text; each
 * later turn's prompt is the previous prompt plus the previous answer (as many tokens as that turn's output)
 * plus new user text, after an exponential think time. Each turn carries its answer's tokens, so an engine
 * that served it holds the answer's KV blocks by content and the next turn can hit them. Every turn carries the session's key. Only sessions
 * still talking are held in memory.
 */
public final class MultiTurnWorkload implements Workload {
  private final String spec;
  private final IntDist turns;
  private final IntDist system;
  private final IntDist user;
  private final IntDist output;
  private final double thinkSeconds;
  private final Arrivals arrivals;
  private final double rate;

  MultiTurnWorkload(String spec, IntDist turns, IntDist system, IntDist user, IntDist output, double thinkSeconds,
                    Arrivals arrivals, double rate) {
    this.spec = spec;
    this.turns = turns;
    this.system = system;
    this.user = user;
    this.output = output;
    this.thinkSeconds = thinkSeconds;
    this.arrivals = arrivals;
    this.rate = rate;
  }

  @Override public String spec() { return spec; }

  @Override public double nominalRate() { return rate; }

  @Override public int size() { return Integer.MAX_VALUE; }

  @Override
  public RequestStream open(long seed, double rateScale, int limit) {
    return new Stream(seed, rate * rateScale, rateScale, limit);
  }

  /** A session between turns: its next turn's time and prompt, and how many turns remain after it. */
  private record Session(long seq, double atSeconds, long key, PromptRecipe prompt, int turnsLeft) {}

  private final class Stream implements RequestStream {
    private final long seed;
    private final double sessionRate;
    private final double rateScale;
    private final int limit;
    private final SplittableRandom random;
    private final PriorityQueue<Session> waiting = new PriorityQueue<>((a, b) -> {
      int c = Double.compare(a.atSeconds, b.atSeconds);
      return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private double nextStart;
    private long sessions;
    private long seq;
    private long id;

    Stream(long seed, double rate, double rateScale, int limit) {
      this.seed = seed;
      this.sessionRate = rate / turns.mean();
      this.rateScale = rateScale;
      this.limit = limit;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public TraceRequest next() {
      if (id >= limit) return null;
      if (waiting.isEmpty() || nextStart <= waiting.peek().atSeconds) {
        long s = sessions++;
        PromptRecipe first = new PromptRecipe(new long[] {Seeds.of(seed, 3, s), Seeds.of(seed, 4, s)},
            new int[] {system.sample(random), user.sample(random)});
        waiting.add(new Session(seq++, nextStart, Seeds.key(seed, s), first, turns.sample(random)));
        nextStart += arrivals.nextGapSeconds(sessionRate, random);
      }
      Session turn = waiting.poll();
      long reqId = id++;
      int out = output.sample(random);
      PromptRecipe answer = null;
      if (turn.turnsLeft > 1) {
        double think = -Math.log(1.0 - random.nextDouble()) * thinkSeconds / rateScale;
        answer = PromptRecipe.of(Seeds.of(seed, 5, reqId), out);
        PromptRecipe next = turn.prompt.append(Seeds.of(seed, 5, reqId), out).append(Seeds.of(seed, 6, reqId), user.sample(random));
        waiting.add(new Session(seq++, turn.atSeconds + think, turn.key, next, turn.turnsLeft - 1));
      }
      // The answer's tokens are the ones the next turn repeats, so the engine caches them by content.
      return new TraceRequest(reqId, (long) (turn.atSeconds * 1e9), turn.prompt, out, turn.key, answer);
    }
  }
}
