package io.switchboard.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.sim.Engine;
import io.switchboard.sim.EngineStats;
import io.switchboard.sim.Engines;
import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import io.switchboard.sim.model.GpuProfile;
import io.switchboard.sim.model.GpuProfiles;
import io.switchboard.sim.model.StepTimeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VllmEngineTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 5_000 * MS;
  private static final GpuProfile H100 = GpuProfiles.builtIn().get("h100");
  private static final StepTimeModel H100_STEPS = new StepTimeModel(H100);
  private static final long API = 8 * MS;

  private final Recorder recorder = new Recorder();

  private static int[] tokens(int from, int count) {
    return IntStream.range(from, from + count).toArray();
  }

  private SimRequest request(long id, int[] prompt, int output) {
    return new SimRequest(id, prompt, output, recorder);
  }

  @Test
  void idleEngine_shortPrompt_firstTokenAtArrivalPlusPrefillStepPlusApiOverhead() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 100), 1), T0);
    Recorder.runUntilIdle(engine);
    long step = StepTimeModel.toNanos(H100_STEPS.stepSeconds(1, 100, StepTimeModel.prefillPairs(0, 100), 0));
    assertThat(recorder.firstTokenAt(1)).isEqualTo(T0 + step + API);
    // The anchor: ~14 ms TTFT for a short chat prompt on an idle H100.
    assertThat((recorder.firstTokenAt(1) - T0) / 1e6).isCloseTo(14, within(1.4));
  }

  @Test
  void idleEngine_nextEventIsNever_andArrivalStartsAStepAtOnce() {
    Engine engine = Engines.create("h100");
    assertThat(engine.nextEventNanos()).isEqualTo(Long.MAX_VALUE);
    engine.advanceTo(T0);
    engine.submit(request(1, tokens(0, 100), 1), T0 + 3 * MS);
    long step = StepTimeModel.toNanos(H100_STEPS.stepSeconds(1, 100, StepTimeModel.prefillPairs(0, 100), 0));
    assertThat(engine.nextEventNanos()).isEqualTo(T0 + 3 * MS + step);
  }

  @Test
  void decodeAtBatchOne_h100_tokensAreAboutSixPointFiveMillisecondsApart() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 512), 20), T0);
    Recorder.runUntilIdle(engine);
    List<Long> times = recorder.tokenTimes(1);
    assertThat(times).hasSize(20);
    for (int i = 1; i < times.size(); i++) {
      assertThat((times.get(i) - times.get(i - 1)) / 1e6).isCloseTo(6.54, within(0.1));
    }
  }

  @Test
  void decodeAtBatchOne_a100_40_tokensAreAboutThirteenPointFiveMillisecondsApart() {
    Engine engine = Engines.create("a100-40");
    engine.submit(request(1, tokens(0, 512), 5), T0);
    Recorder.runUntilIdle(engine);
    List<Long> times = recorder.tokenTimes(1);
    assertThat((times.getLast() - times.getFirst()) / 4 / 1e6).isCloseTo(13.5, within(1.35));
  }

  @Test
  void engineFromUserProfile_usesItsLimits() {
    GpuProfile custom = GpuProfiles.parse("""
        profiles:
          two-seq: {peakTflops: 989, hbmTBps: 3.35, kvBlocks: 100, maxNumSeqs: 2, maxNumBatchedTokens: 256}
        """, "custom.yaml").get("two-seq");
    Engine engine = Engines.create(custom);
    for (long id = 1; id <= 3; id++) engine.submit(request(id, tokens((int) id * 1000, 300), 3), T0);
    // Two fit (max_num_seqs 2) but the 256-token budget covers only part of the first prompt.
    assertThat(engine.stats().running()).isEqualTo(1);
    Recorder.runUntilIdle(engine);
    assertThat(engine.stats().finished()).isEqualTo(3);
  }

  @Test
  void longPrompt_isPrefilledInChunks_firstTokenAfterAllChunks() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 16_384), 1), T0);
    Recorder.runUntilIdle(engine);
    // Test vector: 528.8 ms for two 8192-token chunks.
    assertThat((recorder.firstTokenAt(1) - T0 - API) / 1e6).isCloseTo(528.8, within(0.1));
  }

  @Test
  void request_emitsExactlyOutputTokens_thenFinishesWithCompletion() {
    Engine engine = Engines.create("h100");
    engine.submit(request(7, tokens(0, 300), 5), T0);
    Recorder.runUntilIdle(engine);
    assertThat(recorder.events).extracting(Recorder.Event::kind)
        .containsExactly("tokens", "tokens", "tokens", "tokens", "tokens", "finished");
    TokenListener.Completion done = recorder.completions.get(7L);
    assertThat(done).isEqualTo(new TokenListener.Completion(300, 0, 5, false, recorder.firstTokenAt(7), 0));
    assertThat(recorder.events.getLast().atNanos()).isEqualTo(recorder.tokenTimes(7).getLast());
    EngineStats stats = engine.stats();
    assertThat(stats.finished()).isEqualTo(1);
    assertThat(stats.running()).isZero();
    assertThat(stats.kvCacheUsage()).isZero();
  }

  @Test
  void sharedOneKPrefix_secondRequestHitsTheCache_andItsTtftIsMuchLower() {
    Engine engine = Engines.create("h100");
    int[] first = tokens(0, 1024 + 20);
    int[] second = first.clone();
    for (int i = 1024; i < second.length; i++) second[i] = -i; // same 1k prefix, different question
    engine.submit(request(1, first, 2), T0);
    Recorder.runUntilIdle(engine);
    engine.submit(request(2, second, 2), T0 + 1_000 * MS);
    Recorder.runUntilIdle(engine);

    long ttft1 = recorder.firstTokenAt(1) - T0;
    long ttft2 = recorder.firstTokenAt(2) - (T0 + 1_000 * MS);
    assertThat(ttft2).isLessThan(ttft1 * 6 / 10);
    assertThat(recorder.completions.get(2L).cachedPromptTokens()).isEqualTo(1024);
    EngineStats stats = engine.stats();
    assertThat(stats.prefixCacheHitTokens()).isEqualTo(1024);
    assertThat(stats.prefixCacheQueryTokens()).isEqualTo(2L * 1044);
  }

  @Test
  void wholePromptCached_stillRecomputesTheLastToken() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 64), 1), T0);
    Recorder.runUntilIdle(engine);
    engine.submit(request(2, tokens(0, 64), 1), T0 + 100 * MS);
    Recorder.runUntilIdle(engine);
    assertThat(recorder.completions.get(2L).cachedPromptTokens()).isEqualTo(63);
    assertThat(engine.stats().prefixCacheHitTokens()).isEqualTo(63);
  }

  @Test
  void cachedPrefix_evictedByOtherTraffic_missesAgain() {
    // 8 blocks: request 1 caches 4, then unrelated requests need all 8 and evict them.
    Engine engine = Engines.create(H100.withKvBlocks(8));
    engine.submit(request(1, tokens(0, 64), 1), T0);
    Recorder.runUntilIdle(engine);
    engine.submit(request(2, tokens(1_000, 120), 1), T0 + 100 * MS);
    Recorder.runUntilIdle(engine);
    engine.submit(request(3, tokens(0, 64), 1), T0 + 200 * MS);
    Recorder.runUntilIdle(engine);
    assertThat(recorder.completions.get(3L).cachedPromptTokens()).isZero();
  }

  @Test
  void memoryPressure_preemptsTheNewestRequest_andBothStillFinishInFull() {
    // 8 blocks = 128 tokens; each request grows to 87 tokens (6 blocks), so both cannot keep running.
    GpuProfile tiny = H100.withKvBlocks(8).withLimits(4, 64);
    Engine engine = Engines.create(tiny);
    engine.submit(request(1, tokens(0, 48), 40), T0);
    engine.submit(request(2, tokens(500, 48), 40), T0);
    Recorder.runUntilIdle(engine);

    assertThat(engine.stats().preemptions()).isGreaterThanOrEqualTo(1);
    assertThat(recorder.completions.get(2L).preemptions()).isGreaterThanOrEqualTo(1);
    assertThat(recorder.completions.get(1L).preemptions()).isZero();
    assertThat(recorder.completions.get(1L).outputTokens()).isEqualTo(40);
    assertThat(recorder.completions.get(2L).outputTokens()).isEqualTo(40);
    assertThat(recorder.tokenTimes(2)).hasSize(40).isSorted();
    // Request 2 finished after request 1 although they arrived together: it was preempted and waited.
    assertThat(recorder.tokenTimes(2).getLast()).isGreaterThan(recorder.tokenTimes(1).getLast());
    assertThat(engine.stats().kvCacheUsage()).isZero();
  }

  @Test
  void maxNumSeqs_limitsRunning_restWait() {
    Engine engine = Engines.create(H100.withLimits(2, 8192));
    for (long id = 1; id <= 3; id++) engine.submit(request(id, tokens((int) id * 1000, 100), 10), T0);
    EngineStats stats = engine.stats();
    assertThat(stats.running()).isEqualTo(2);
    assertThat(stats.waiting()).isEqualTo(1);
    assertThat(stats.kvCacheUsage()).isEqualTo(2.0 * 7 / H100.kvBlocks());
  }

  @Test
  void cancel_runningRequest_freesItsBlocks_andStopsItsTokens() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 1000), 1000), T0);
    engine.advanceTo(T0 + 100 * MS);
    assertThat(engine.stats().kvCacheUsage()).isGreaterThan(0);
    int tokensBefore = recorder.tokenTimes(1).size();

    assertThat(engine.cancel(1, T0 + 100 * MS)).isTrue();
    Recorder.runUntilIdle(engine);

    assertThat(engine.stats().kvCacheUsage()).isZero();
    assertThat(engine.stats().running()).isZero();
    assertThat(recorder.tokenTimes(1)).hasSize(tokensBefore);
    TokenListener.Completion done = recorder.completions.get(1L);
    assertThat(done.cancelled()).isTrue();
    assertThat(done.outputTokens()).isEqualTo(tokensBefore);
    assertThat(recorder.events.getLast().atNanos()).isEqualTo(T0 + 100 * MS);
    assertThat(engine.cancel(1, T0 + 200 * MS)).isFalse();
  }

  @Test
  void cancel_waitingRequest_leavesTheQueue() {
    Engine engine = Engines.create(H100.withLimits(1, 8192));
    engine.submit(request(1, tokens(0, 100), 50), T0);
    engine.submit(request(2, tokens(500, 100), 50), T0);
    assertThat(engine.stats().waiting()).isEqualTo(1);
    assertThat(engine.cancel(2, T0 + MS)).isTrue();
    assertThat(engine.stats().waiting()).isZero();
    Recorder.runUntilIdle(engine);
    assertThat(recorder.completions.get(2L).cancelled()).isTrue();
    assertThat(recorder.tokenTimes(2)).isEmpty();
    assertThat(recorder.completions.get(1L).outputTokens()).isEqualTo(50);
  }

  @Test
  void cancel_unknownRequest_returnsFalse() {
    assertThat(Engines.create("h100").cancel(42, T0)).isFalse();
  }

  @Test
  void submit_requestLargerThanKvPool_isRejected() {
    Engine engine = Engines.create(H100.withKvBlocks(4));
    assertThatThrownBy(() -> engine.submit(request(1, tokens(0, 60), 10), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 70 tokens of KV").hasMessageContaining("holds 64");
  }

  @Test
  void submit_duplicateId_isRejected() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 10), 10), T0);
    assertThatThrownBy(() -> engine.submit(request(1, tokens(0, 10), 10), T0))
        .hasMessageContaining("already in the engine");
  }

  @Test
  void concurrentRequests_shareDecodeSteps_soTheyGetTokensAtTheSameTimes() {
    Engine engine = Engines.create("h100");
    engine.submit(request(1, tokens(0, 100), 10), T0);
    engine.submit(request(2, tokens(500, 100), 10), T0);
    Recorder.runUntilIdle(engine);
    assertThat(recorder.tokenTimes(1)).isEqualTo(recorder.tokenTimes(2));
  }

  @Test
  void listener_maySubmitFromACallback_likeAClosedLoopClient() {
    Engine engine = Engines.create("h100");
    List<Long> finishedAt = new ArrayList<>();
    TokenListener chain = new TokenListener() {
      @Override public void onTokens(long requestId, int count, long atNanos) {}

      @Override public void onFinished(long requestId, Completion completion, long atNanos) {
        finishedAt.add(atNanos);
        if (requestId < 3) engine.submit(new SimRequest(requestId + 1, tokens(0, 200), 3, this), atNanos);
      }
    };
    engine.submit(new SimRequest(1, tokens(0, 200), 3, chain), T0);
    Recorder.runUntilIdle(engine);
    assertThat(finishedAt).hasSize(3).isSorted();
    assertThat(engine.stats().finished()).isEqualTo(3);
  }

  @Test
  void sameInputs_sameEventSequence() {
    assertThat(randomWorkload(11)).isEqualTo(randomWorkload(11));
    assertThat(randomWorkload(11)).isNotEqualTo(randomWorkload(12));
  }

  /** A mixed load with shared prefixes, chunked prefills, memory pressure and a cancellation. */
  private static List<Recorder.Event> randomWorkload(long seed) {
    Recorder rec = new Recorder();
    Engine engine = Engines.create(H100.withKvBlocks(400).withLimits(16, 512));
    SplittableRandom random = new SplittableRandom(seed);
    int[] system = tokens(0, 256);
    long now = T0;
    for (long id = 0; id < 60; id++) {
      now += (long) (random.nextDouble() * 30 * MS);
      int[] prompt = random.nextBoolean() ? system.clone() : tokens(random.nextInt(100_000), 256);
      prompt = java.util.Arrays.copyOf(prompt, 256 + random.nextInt(1500));
      for (int i = 256; i < prompt.length; i++) prompt[i] = random.nextInt(32_000);
      engine.submit(new SimRequest(id, prompt, 1 + random.nextInt(300), rec), now);
      if (id == 30) engine.cancel(25, now);
    }
    Recorder.runUntilIdle(engine);
    assertThat(rec.completions).hasSize(60);
    return rec.events;
  }
}
