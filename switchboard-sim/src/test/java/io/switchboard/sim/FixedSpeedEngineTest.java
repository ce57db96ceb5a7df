package io.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedSpeedEngineTest {
  private final List<String> events = new ArrayList<>();
  private final TokenListener listener = new TokenListener() {
    @Override
    public void onTokens(long id, int count, long at) {
      events.add("tokens " + id + " x" + count + " @" + at);
    }

    @Override
    public void onFinished(long id, Completion c, long at) {
      events.add("finished " + id + " out=" + c.outputTokens() + " cancelled=" + c.cancelled() + " first=" + c.firstTokenNanos() + " @" + at);
    }
  };

  @Test
  void advanceTo_lateCall_reportsEveryTokenAtItsOwnTimeInOrder() {
    FixedSpeedEngine engine = new FixedSpeedEngine(java.time.Duration.ofNanos(100), java.time.Duration.ofNanos(10));
    engine.submit(new SimRequest(1, new int[] {1, 2}, 3, listener), 0);
    engine.submit(new SimRequest(2, new int[] {1}, 1, listener), 5);

    assertThat(engine.nextEventNanos()).isEqualTo(100);
    engine.advanceTo(1_000);

    assertThat(events).containsExactly(
        "tokens 1 x1 @100", "tokens 2 x1 @105", "finished 2 out=1 cancelled=false first=105 @105",
        "tokens 1 x1 @110", "tokens 1 x1 @120", "finished 1 out=3 cancelled=false first=100 @120");
    assertThat(engine.nextEventNanos()).isEqualTo(Long.MAX_VALUE);
    assertThat(engine.stats().finished()).isEqualTo(2);
  }

  @Test
  void cancel_midway_finishesAsCancelledAndStopsTokens() {
    FixedSpeedEngine engine = new FixedSpeedEngine(java.time.Duration.ofNanos(100), java.time.Duration.ofNanos(10));
    engine.submit(new SimRequest(7, new int[] {1}, 10, listener), 0);
    engine.advanceTo(110);

    assertThat(engine.cancel(7, 115)).isTrue();
    assertThat(engine.cancel(7, 116)).isFalse(); // already gone
    engine.advanceTo(10_000);

    assertThat(events).containsExactly("tokens 7 x1 @100", "tokens 7 x1 @110", "finished 7 out=2 cancelled=true first=100 @115");
    assertThat(engine.stats().running()).isZero();
  }

  @Test
  void stats_whileRunning_countRunningAndPromptTokens() {
    FixedSpeedEngine engine = FixedSpeedEngine.ofMillis(1, 1);
    engine.submit(new SimRequest(1, new int[] {1, 2, 3}, 2, listener), 0);
    engine.submit(new SimRequest(2, new int[] {4}, 2, listener), 0);

    EngineStats s = engine.stats();
    assertThat(s.running()).isEqualTo(2);
    assertThat(s.waiting()).isZero();
    assertThat(s.prefixCacheQueryTokens()).isEqualTo(4);
  }
}
