package io.switchboard.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {
  private final LoggerContext context = new LoggerContext();
  private final AtomicInteger writes = new AtomicInteger();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream() {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writes.incrementAndGet();
      super.write(b, off, len);
    }
  };

  private BatchingConsoleAppender appender(int queueSize, long flushMillis) {
    var a = new BatchingConsoleAppender();
    a.setContext(context);
    a.setQueueSize(queueSize);
    a.setFlushMillis(flushMillis);
    a.setOutputStream(out);
    a.start();
    return a;
  }

  private void log(BatchingConsoleAppender a, String message) {
    a.doAppend(new LoggingEvent("test", context.getLogger("switchboard.access"), Level.INFO, message, null, null));
  }

  private String written() { return out.toString(StandardCharsets.UTF_8); }

  @Test
  void lines_queuedBetweenFlushes_areWrittenInOneCall() {
    // A flush interval far longer than the test: only stop() writes, so everything goes in one batch.
    var a = appender(1000, 3_600_000);
    for (int i = 0; i < 500; i++) log(a, "{\"n\":" + i + ",\"s\":\"é\"}");
    assertThat(written()).isEmpty();

    a.stop();

    assertThat(writes).hasValue(1);
    assertThat(written().lines()).hasSize(500).startsWith("{\"n\":0,\"s\":\"é\"}").endsWith("{\"n\":499,\"s\":\"é\"}");
  }

  @Test
  void fullQueue_dropsLines_andSaysHowMany() {
    var a = appender(4, 3_600_000);
    for (int i = 0; i < 10; i++) log(a, "line " + i);

    a.stop();

    // The caller never blocks: the first four lines are kept, the other six are counted, not lost silently.
    assertThat(written().lines())
        .containsExactly("line 0", "line 1", "line 2", "line 3", "{\"log_lines_dropped\":6,\"reason\":\"log queue full\"}");
  }

  @Test
  void stop_thenLogging_isIgnored_andStopIsIdempotent() {
    var a = appender(16, 3_600_000);
    log(a, "kept");
    a.stop();
    log(a, "after stop");
    a.stop();

    assertThat(written().lines()).containsExactly("kept");
  }

  @Test
  void invalidSettings_doNotStart() {
    var a = new BatchingConsoleAppender();
    a.setContext(context);
    a.setQueueSize(0);
    a.start();

    assertThat(a.isStarted()).isFalse();
  }
}
