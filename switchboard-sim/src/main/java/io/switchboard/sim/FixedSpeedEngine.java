package io.switchboard.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * An engine with constant speed and unlimited concurrency: every request gets its first token
 * {@code ttft} after it arrives and each further token {@code tpot} later, whatever else is running.
 *
 * <p>Not a model of a GPU (no batching, no KV pressure); it exists so the real-time server and its users
 * have a predictable engine. Each token is one event, reported at its exact time even when
 * {@link #advanceTo} is called late. Not thread-safe, like every {@link Engine}.
 */
public final class FixedSpeedEngine implements Engine {

  private final long ttftNanos;
  private final long tpotNanos;
  private final PriorityQueue<Active> byNextToken =
      new PriorityQueue<>((a, b) -> a.nextTokenNanos != b.nextTokenNanos
          ? Long.compare(a.nextTokenNanos, b.nextTokenNanos) : Long.compare(a.order, b.order));
  private final Map<Long, Active> active = new HashMap<>();
  private long order;
  private long promptTokensSeen;
  private long finished;

  /** @param ttft time from arrival to the first token, {@code >= 0}; @param tpot time between tokens, {@code > 0} */
  public FixedSpeedEngine(Duration ttft, Duration tpot) {
    if (ttft.isNegative()) throw new IllegalArgumentException("ttft must be >= 0, was " + ttft);
    if (tpot.isNegative() || tpot.isZero()) throw new IllegalArgumentException("tpot must be > 0, was " + tpot);
    this.ttftNanos = ttft.toNanos();
    this.tpotNanos = tpot.toNanos();
  }

  /** Convenience for {@code new FixedSpeedEngine(Duration.ofMillis(ttftMillis), Duration.ofMillis(tpotMillis))}. */
  public static FixedSpeedEngine ofMillis(long ttftMillis, long tpotMillis) {
    return new FixedSpeedEngine(Duration.ofMillis(ttftMillis), Duration.ofMillis(tpotMillis));
  }

  @Override
  public void submit(SimRequest request, long nowNanos) {
    if (active.containsKey(request.id())) throw new IllegalStateException("duplicate request id " + request.id());
    Active a = new Active(request, nowNanos + ttftNanos, order++);
    active.put(request.id(), a);
    byNextToken.add(a);
    promptTokensSeen += request.promptTokens().length;
  }

  @Override
  public boolean cancel(long requestId, long nowNanos) {
    Active a = active.remove(requestId);
    if (a == null) return false;
    byNextToken.remove(a);
    finished++;
    a.request.listener().onFinished(requestId, a.completion(true), nowNanos);
    return true;
  }

  @Override
  public long nextEventNanos() {
    Active head = byNextToken.peek();
    return head == null ? Long.MAX_VALUE : head.nextTokenNanos;
  }

  @Override
  public void advanceTo(long nowNanos) {
    while (!byNextToken.isEmpty() && byNextToken.peek().nextTokenNanos <= nowNanos) {
      Active a = byNextToken.poll();
      long at = a.nextTokenNanos;
      if (a.emitted == 0) a.firstTokenNanos = at;
      a.emitted++;
      a.request.listener().onTokens(a.request.id(), 1, at);
      if (a.emitted == a.request.outputTokens()) {
        active.remove(a.request.id());
        finished++;
        a.request.listener().onFinished(a.request.id(), a.completion(false), at);
      } else {
        a.nextTokenNanos = at + tpotNanos;
        byNextToken.add(a);
      }
    }
  }

  @Override
  public EngineStats stats() {
    return new EngineStats(active.size(), 0, 0.0, 0, promptTokensSeen, 0, finished);
  }

  private static final class Active {
    final SimRequest request;
    final long order;
    long nextTokenNanos;
    long firstTokenNanos = -1;
    int emitted;

    Active(SimRequest request, long firstTokenNanos, long order) {
      this.request = request;
      this.nextTokenNanos = firstTokenNanos;
      this.order = order;
    }

    TokenListener.Completion completion(boolean cancelled) {
      return new TokenListener.Completion(request.promptTokens().length, 0, emitted, cancelled, firstTokenNanos, 0);
    }
  }
}
