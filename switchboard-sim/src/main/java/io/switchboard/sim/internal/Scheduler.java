package io.switchboard.sim.internal;

import io.switchboard.sim.model.GpuProfile;
import io.switchboard.sim.model.StepTimeModel;
import java.util.ArrayDeque;

/**
 * vLLM V1's scheduler with chunked prefill (after {@code vllm/v1/core/sched/scheduler.py}), one step at a
 * time. {@link #schedule} picks the step's work and prices it with the {@link StepTimeModel};
 * {@link #complete} applies it when the step's time is up.
 *
 * <p>Scheduling a step, in order:
 * <ol>
 *   <li>Running requests, oldest first, share the token budget {@code max_num_batched_tokens}: a decoding
 *       request takes 1 token, a prefilling one {@code min(remaining, budget left)}.</li>
 *   <li>If one of them needs a block and the pool has none (even after evicting cached-free blocks), the
 *       most recently admitted running request is preempted: its blocks are released (full ones stay
 *       cached-free), its progress is dropped and it goes to the head of the waiting queue. Repeat until
 *       the allocation fits or the request preempted itself.</li>
 *   <li>Only if nothing was preempted, waiting requests are admitted FCFS while budget is left, fewer than
 *       {@code max_num_seqs} run and their blocks can be allocated. A new admission first takes the longest
 *       cached prefix of full blocks; a whole-prompt hit still recomputes the last token.</li>
 *   <li>Blocks that the step's tokens fill are registered for sharing at once, as vLLM does, so a request
 *       admitted later in the same step already hits them.</li>
 * </ol>
 * A request whose step reaches the end of its known tokens samples one new token; it finishes after
 * {@code outputTokens} of them and releases its blocks, tail first.
 */
final class Scheduler {
  /** Receives the results of a completed step. */
  interface Sink {
    void token(RequestState r);

    void finished(RequestState r);
  }

  private final GpuProfile profile;
  private final StepTimeModel stepTime;
  private final KvCache kv;
  private final ArrayDeque<RequestState> waiting = new ArrayDeque<>();
  private final RequestState[] running;
  private final RequestState[] batch;
  private int runningCount;
  private int batchCount;

  private long prefixHits;
  private long prefixQueries;
  private long preemptions;
  private long finished;

  Scheduler(GpuProfile profile) {
    this.profile = profile;
    this.stepTime = new StepTimeModel(profile);
    this.kv = new KvCache(profile.kvBlocks());
    this.running = new RequestState[profile.maxNumSeqs()];
    this.batch = new RequestState[profile.maxNumSeqs()];
  }

  void enqueue(RequestState r) {
    waiting.addLast(r);
  }

  boolean hasWork() {
    return runningCount > 0 || !waiting.isEmpty();
  }

  /** Chooses the next step's work; returns its duration in nanoseconds, or 0 when nothing can run. */
  long schedule() {
    batchCount = 0;
    int budget = profile.maxNumBatchedTokens();
    boolean preempted = false;
    for (int i = 0; i < runningCount && budget > 0; i++) {
      RequestState r = running[i];
      int tokens = Math.min(r.numTokens - r.numComputed, budget);
      boolean allocated;
      while (!(allocated = kv.allocateSlots(r, tokens))) {
        RequestState victim = running[--runningCount];
        running[runningCount] = null;
        preempt(victim);
        preempted = true;
        if (victim == r) break;
      }
      if (!allocated) break;
      budget -= add(r, tokens);
    }
    // vLLM admits nothing in a step that preempted; the batch-empty case only guards against stalling.
    if (!preempted || batchCount == 0) {
      while (!waiting.isEmpty() && budget > 0 && runningCount < running.length) {
        RequestState r = waiting.peekFirst();
        int hitBlocks = kv.cachedPrefixBlocks(r);
        int computed = Math.min(hitBlocks * GpuProfile.BLOCK_SIZE, r.numTokens - 1);
        int tokens = Math.min(r.numTokens - computed, budget);
        if (!kv.admit(r, hitBlocks, computed, tokens)) break;
        waiting.pollFirst();
        r.phase = RequestState.Phase.RUNNING;
        r.numComputed = computed;
        prefixQueries += r.numTokens;
        prefixHits += computed;
        if (r.cachedPromptTokens < 0) r.cachedPromptTokens = computed;
        running[runningCount++] = r;
        budget -= add(r, tokens);
      }
    }
    return batchCount == 0 ? 0 : priceBatch();
  }

  private int add(RequestState r, int tokens) {
    r.scheduled = tokens;
    kv.cacheFullBlocks(r);
    batch[batchCount++] = r;
    return tokens;
  }

  private long priceBatch() {
    long tokens = 0;
    double prefillPairs = 0;
    long decodeContext = 0;
    for (int i = 0; i < batchCount; i++) {
      RequestState r = batch[i];
      tokens += r.scheduled;
      if (r.isDecoding()) {
        decodeContext += r.numTokens;
      } else {
        prefillPairs += StepTimeModel.prefillPairs(r.numComputed, r.scheduled);
      }
    }
    return StepTimeModel.toNanos(stepTime.stepSeconds(batchCount, tokens, prefillPairs, decodeContext));
  }

  private void preempt(RequestState r) {
    kv.free(r);
    r.numComputed = 0;
    r.scheduled = 0;
    r.phase = RequestState.Phase.WAITING;
    r.preemptions++;
    preemptions++;
    waiting.addFirst(r);
  }

  /** Applies the step scheduled last: advances each request, samples tokens, retires finished ones. */
  void complete(Sink sink) {
    boolean anyDone = false;
    for (int i = 0; i < batchCount; i++) {
      RequestState r = batch[i];
      batch[i] = null;
      if (r.phase != RequestState.Phase.RUNNING) continue; // cancelled during the step
      r.numComputed += r.scheduled;
      r.scheduled = 0;
      if (r.numComputed < r.numTokens) continue; // a prefill chunk short of the prompt's end
      r.generated++;
      r.numTokens++;
      sink.token(r);
      if (r.generated == r.outputTokens) {
        r.phase = RequestState.Phase.DONE;
        kv.free(r);
        finished++;
        anyDone = true;
        sink.finished(r);
      }
    }
    batchCount = 0;
    if (anyDone) compactRunning();
  }

  /** Drops a cancelled request from the queues and releases its blocks. */
  void remove(RequestState r) {
    if (r.phase == RequestState.Phase.WAITING) {
      waiting.remove(r);
    } else {
      for (int i = 0; i < runningCount; i++) {
        if (running[i] == r) {
          System.arraycopy(running, i + 1, running, i, runningCount - i - 1);
          running[--runningCount] = null;
          break;
        }
      }
      kv.free(r);
    }
  }

  private void compactRunning() {
    int kept = 0;
    for (int i = 0; i < runningCount; i++) {
      if (running[i].phase == RequestState.Phase.RUNNING) running[kept++] = running[i];
    }
    for (int i = kept; i < runningCount; i++) running[i] = null;
    runningCount = kept;
  }

  int runningCount() {
    return runningCount;
  }

  int waitingCount() {
    return waiting.size();
  }

  KvCache kv() {
    return kv;
  }

  long prefixHits() {
    return prefixHits;
  }

  long prefixQueries() {
    return prefixQueries;
  }

  long preemptions() {
    return preemptions;
  }

  long finished() {
    return finished;
  }
}
