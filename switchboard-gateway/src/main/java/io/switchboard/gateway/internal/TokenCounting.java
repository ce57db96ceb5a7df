package io.switchboard.gateway.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.routing.Tokenizer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Exact prompt counts for groups with a {@code tokenizer}, kept off the event loops. A BPE pass costs about
 * 20 us (cl100k_base) to 90 us (o200k_base) per KB of prompt ({@code ./switchboard bench jmh Tokenizer}), so only
 * prompts up to {@value #INLINE_CHARS} characters are counted in place; longer ones go to a small named pool
 * ({@code switchboard-tokenizer-N}) with a bounded queue. When the queue is full the request keeps its byte
 * estimate rather than wait. Metered as {@code switchboard_prompt_counts_total{how}} (inline, pooled, estimated)
 * and {@code switchboard_prompt_count_queue_depth}. The pool's threads are daemons that exit when idle.
 */
final class TokenCounting {
  static final int INLINE_CHARS = 256;
  static final int QUEUE = 256;

  private final ThreadPoolExecutor pool;
  private final Counter inline;
  private final Counter pooled;
  private final Counter estimated;

  TokenCounting(MeterRegistry registry) {
    this(registry, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), QUEUE);
  }

  TokenCounting(MeterRegistry registry, int threads, int queue) {
    AtomicInteger started = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "switchboard-tokenizer-" + started.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    inline = counter(registry, "inline");
    pooled = counter(registry, "pooled");
    estimated = counter(registry, "estimated");
    Gauge.builder("switchboard_prompt_count_queue_depth", pool, p -> p.getQueue().size())
        .description("Prompts waiting for an exact token count").register(registry);
  }

  private static Counter counter(MeterRegistry registry, String how) {
    return Counter.builder("switchboard_prompt_counts").tag("how", how)
        .description("Prompts of groups with a tokenizer, by how their tokens were counted").register(registry);
  }

  /**
   * Counts {@code x}'s prompt with {@code tokenizer} and runs {@code then} with the count on the exchange's event
   * loop, unless the exchange ended meanwhile; {@code -1} when the pool was full or the count failed, so the caller
   * estimates instead.
   */
  void count(Exchange x, Tokenizer tokenizer, IntConsumer then) {
    count(tokenizer, x.peek.promptText, x.peek.messages, task -> x.context.runOnContext(v -> x.guard(() -> {
      if (!x.finished()) task.run();
    })), then);
  }

  /**
   * Counts {@code text}: in place when it is short, else on the pool, and then has {@code back} run {@code then} with
   * the count where the caller goes on; {@code then} gets -1 at once when the pool's queue is full.
   */
  void count(Tokenizer tokenizer, CharSequence text, int messages, Consumer<Runnable> back, IntConsumer then) {
    if (text.length() <= INLINE_CHARS) {
      inline.increment();
      then.accept(tokenizer.count(text, messages));
      return;
    }
    String copy = text.toString();
    try {
      pool.execute(() -> {
        int n;
        try {
          n = tokenizer.count(copy, messages);
        } catch (RuntimeException e) {
          n = -1;
        }
        int count = n;
        back.accept(() -> then.accept(count));
      });
      pooled.increment();
    } catch (RejectedExecutionException full) {
      estimated.increment();
      then.accept(-1);
    }
  }
}
