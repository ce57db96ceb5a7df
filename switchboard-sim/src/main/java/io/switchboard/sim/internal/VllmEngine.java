package io.switchboard.sim.internal;

import io.switchboard.sim.Engine;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import io.switchboard.sim.model.GpuProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A vLLM-V1-like replica on the caller's clock: steps run back to back while there is work, each priced
 * by the step-time model; an idle engine starts its next step when a request arrives. Listeners hear of
 * each token (and the end) at step end plus the API overhead, so the first report is the TTFT of
 * {@code docs/simulator-model.md} and later ones are spaced by step times (TPOT). Times passed in that
 * lie before the engine's clock are treated as "now". Requests submitted at the instant a step starts join
 * it. Not thread-safe; listeners may call back into the engine (e.g. submit the next request of a
 * closed-loop client).
 */
public final class VllmEngine implements Engine {
  private static final long NONE = Long.MIN_VALUE;

  private final GpuProfile profile;
  private final Scheduler scheduler;
  private final Deliveries deliveries = new Deliveries();
  private final Map<Long, RequestState> active = new HashMap<>();
  private final long apiOverheadNanos;
  private long clock = NONE;
  /**
   * When the engine is between steps: the time the next step starts. Its work is decided lazily, when
   * time moves past it or someone looks (next event, stats), so requests arriving at the same instant
   * share a step, as they would in vLLM's engine loop.
   */
  private long pendingStart = NONE;
  private long stepEnd = Long.MAX_VALUE;
  /** End of the step being completed: when its tokens were produced. */
  private long completedStepEnd;
  private final Scheduler.Sink sink = new Scheduler.Sink() {
    @Override
    public void token(RequestState r) {
      deliveries.add(completedStepEnd + apiOverheadNanos, r, 1);
    }

    @Override
    public void finished(RequestState r) {
      active.remove(r.id);
      deliveries.add(completedStepEnd + apiOverheadNanos, r, Deliveries.FINISHED);
    }
  };

  public VllmEngine(GpuProfile profile) {
    this.profile = profile;
    this.scheduler = new Scheduler(profile);
    this.apiOverheadNanos = Math.round(profile.calibration().apiOverheadSeconds() * 1e9);
  }

  public GpuProfile profile() {
    return profile;
  }

  @Override
  public long kvCapacityTokens() { return profile.kvCapacityTokens(); }

  @Override
  public void submit(SimRequest request, long nowNanos) {
    long tokens = (long) request.promptTokens().length + request.outputTokens();
    if (tokens > profile.kvCapacityTokens()) {
      throw new IllegalArgumentException("request %d needs %d tokens of KV but the %s pool holds %d"
          .formatted(request.id(), tokens, profile.name(), profile.kvCapacityTokens()));
    }
    if (active.containsKey(request.id())) {
      throw new IllegalArgumentException("request " + request.id() + " is already in the engine");
    }
    advanceTo(nowNanos);
    RequestState r = new RequestState(request);
    active.put(r.id, r);
    scheduler.enqueue(r);
    if (stepEnd == Long.MAX_VALUE && pendingStart == NONE) pendingStart = clock;
  }

  @Override
  public boolean cancel(long requestId, long nowNanos) {
    advanceTo(nowNanos);
    RequestState r = active.remove(requestId);
    if (r == null) return false;
    scheduler.remove(r);
    r.phase = RequestState.Phase.CANCELLED;
    r.request.listener().onFinished(requestId, completion(r, true), clock);
    return true;
  }

  @Override
  public long nextEventNanos() {
    planPendingStep();
    return Math.min(stepEnd, deliveries.nextAt());
  }

  @Override
  public void advanceTo(long nowNanos) {
    if (nowNanos > clock) clock = nowNanos;
    while (true) {
      long delivery = deliveries.nextAt();
      boolean planDue = pendingStart != NONE && pendingStart < clock;
      if (delivery <= clock && delivery <= stepEnd && (!planDue || delivery <= pendingStart)) {
        deliver();
      } else if (planDue) {
        planPendingStep();
      } else if (stepEnd <= clock) {
        completedStepEnd = stepEnd;
        stepEnd = Long.MAX_VALUE;
        scheduler.complete(sink);
        if (scheduler.hasWork()) pendingStart = completedStepEnd;
      } else {
        return;
      }
    }
  }

  /** Decides the step due at {@code pendingStart}; later arrivals wait for the step after it. */
  private void planPendingStep() {
    if (pendingStart == NONE) return;
    long at = pendingStart;
    pendingStart = NONE;
    startStep(at);
  }

  private void startStep(long at) {
    long duration = scheduler.schedule();
    stepEnd = duration == 0 ? Long.MAX_VALUE : at + duration;
  }

  private void deliver() {
    long at = deliveries.nextAt();
    RequestState r = deliveries.headRequest();
    int count = deliveries.headCount();
    deliveries.pop();
    if (r.phase == RequestState.Phase.CANCELLED) return;
    TokenListener listener = r.request.listener();
    if (count == Deliveries.FINISHED) {
      listener.onFinished(r.id, completion(r, false), at);
    } else {
      if (r.delivered == 0) r.firstTokenNanos = at;
      r.delivered += count;
      listener.onTokens(r.id, count, at);
    }
  }

  private static TokenListener.Completion completion(RequestState r, boolean cancelled) {
    return new TokenListener.Completion(r.promptTokens, Math.max(0, r.cachedPromptTokens), r.delivered, cancelled,
        r.firstTokenNanos, r.preemptions);
  }

  @Override
  public EngineStats stats() {
    planPendingStep();
    BlockPool pool = scheduler.kv().pool();
    return new EngineStats(scheduler.runningCount(), scheduler.waitingCount(),
        (double) pool.used() / pool.capacity(), scheduler.prefixHits(), scheduler.prefixQueries(),
        scheduler.preemptions(), scheduler.finished());
  }
}
