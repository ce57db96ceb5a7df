package io.switchboard.core.pipeline;

import io.switchboard.core.pipeline.internal.Ewma;
import io.switchboard.core.pipeline.internal.Features;
import io.switchboard.core.pipeline.internal.Rls;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline has learned about one endpoint from its own decisions and their outcomes: requests sent
 * and still waiting for their first token (and their prompt tokens, whole and estimated uncached), latency
 * averages, and the online TTFT and TPOT predictors. Updated only through {@link io.switchboard.core.RouteDecision}
 * reports, so it holds exactly what a gateway observes.
 *
 * <p>Thread-safe: counters are atomics; the averages and the predictor lock their own small state.
 */
public final class EndpointSignals {
  /** Decay of the latency averages per observation: about the last 20 requests weigh. */
  public static final double EWMA_ALPHA = 0.05;

  private final String id;
  private volatile EndpointProfile profile = EndpointProfile.UNKNOWN;
  private final AtomicInteger prefillRequests = new AtomicInteger();
  private final AtomicLong prefillPromptTokens = new AtomicLong();
  private final AtomicLong prefillUncachedTokens = new AtomicLong();
  private final AtomicLong prefillAttentionPairs = new AtomicLong();
  private final Ewma ttftMs = new Ewma(EWMA_ALPHA);
  private final Ewma tpotMs = new Ewma(EWMA_ALPHA);
  private final Rls ttftModel = Rls.ttftPrior();
  private final Rls ttftCostModel = Rls.ttftPrior(Features.D_COST);
  private final Rls tpotModel = Rls.tpotPrior();

  EndpointSignals(String id) { this.id = Objects.requireNonNull(id); }

  public String id() { return id; }

  public EndpointProfile profile() { return profile; }

  public void updateProfile(EndpointProfile p) { this.profile = Objects.requireNonNull(p); }

  /** Requests sent here that have not produced their first token. */
  public int prefillRequests() { return prefillRequests.get(); }

  /** Their prompt tokens. */
  public long prefillPromptTokens() { return prefillPromptTokens.get(); }

  /** Their prompt tokens not expected in the prefix cache: the prefill work ahead of a new request. */
  public long prefillUncachedTokens() { return prefillUncachedTokens.get(); }

  /** Their attention work ({@link Features#attentionPairs}): what makes long prompts superlinearly slow. */
  public long prefillAttentionPairs() { return prefillAttentionPairs.get(); }

  /** Mean TTFT of recent requests in ms, NaN before the first. */
  public double ttftMs() { return ttftMs.value(); }

  /** Mean TPOT of recent requests in ms, NaN before the first. */
  public double tpotMs() { return tpotMs.value(); }

  /**
   * The TTFT predictor (ms) over all {@link Features}, attention work included: what a decision reports as its
   * predicted TTFT and what TTFT objectives are judged against.
   */
  public Rls ttftModel() { return ttftModel; }

  /**
   * The routing cost model (ms): the same online fit over the features without the attention terms
   * ({@link Features#D_COST}), which the {@code predicted-latency} scorer ranks endpoints by when the request has
   * no objective. Two models because a better TTFT predictor made a worse router: ranking by each request's own
   * predicted TTFT is greedy, and the attention terms sharpen that greed (they make a long prompt's prefix
   * holder look far faster, whatever it does to the requests queued there); measured in docs/smart-routing.md.
   */
  public Rls ttftCostModel() { return ttftCostModel; }

  /** The TPOT model (ms) over {@link io.switchboard.core.pipeline.internal.TpotFeatures}. */
  public Rls tpotModel() { return tpotModel; }

  /** A request was sent here with {@code promptTokens}, of which {@code uncached} must be computed. */
  public void prefillStarted(int promptTokens, long uncached) {
    prefillRequests.incrementAndGet();
    prefillPromptTokens.addAndGet(promptTokens);
    prefillUncachedTokens.addAndGet(uncached);
    prefillAttentionPairs.addAndGet(Features.attentionPairs(promptTokens, uncached));
  }

  /** Its first token came (or it ended without one). */
  public void prefillEnded(int promptTokens, long uncached) {
    prefillRequests.decrementAndGet();
    prefillPromptTokens.addAndGet(-promptTokens);
    prefillUncachedTokens.addAndGet(-uncached);
    prefillAttentionPairs.addAndGet(-Features.attentionPairs(promptTokens, uncached));
  }

  public void observeTtft(double ms) { ttftMs.add(ms); }

  public void observeTpot(double ms) { tpotMs.add(ms); }

  @Override
  public String toString() {
    return "EndpointSignals{" + id + ", prefill=" + prefillRequests.get() + "/" + prefillUncachedTokens.get() + " tokens}";
  }
}
