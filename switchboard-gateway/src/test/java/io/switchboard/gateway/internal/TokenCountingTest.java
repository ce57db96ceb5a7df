package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.routing.Tokenizer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TokenCountingTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Tokenizer cl100k = Tokenizer.of("cl100k_base");

  private double counted(String how) { return registry.get("switchboard_prompt_counts").tag("how", how).counter().count(); }

  @Test
  void shortPrompt_isCountedInPlace() {
    var counting = new TokenCounting(registry, 1, 1);
    List<Integer> got = new CopyOnWriteArrayList<>();
    counting.count(cl100k, "hello world", 0, Runnable::run, got::add);
    assertThat(got).containsExactly(2);
    assertThat(counted("inline")).isEqualTo(1);
  }

  @Test
  void longPrompts_goToThePool_andOneThatFindsItsQueueFull_keepsTheEstimate() {
    // One thread and a queue of one: the first long prompt runs, the second waits, the third is refused at once.
    var counting = new TokenCounting(registry, 1, 1);
    // About 1 MB: tens of milliseconds of counting, far longer than the three calls take to submit.
    String text = "The gateway routes each request by what it costs. ".repeat(20_000);
    List<Integer> got = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) counting.count(cl100k, text, 1, Runnable::run, got::add);
    assertThat(counted("estimated")).isEqualTo(1);
    assertThat(counted("pooled")).isEqualTo(2);
    int exact = cl100k.count(text, 1);
    await().until(() -> got.size() == 3);
    assertThat(got).containsExactlyInAnyOrder(-1, exact, exact);
  }
}
