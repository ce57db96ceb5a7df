package io.switchboard.gateway.config.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs an action on SIGHUP, the Unix convention for "reload your config". Uses {@code sun.misc.Signal} (module
 * jdk.unsupported, the only way a JVM sees signals); where it is missing or HUP cannot be caught (Windows,
 * {@code -Xrs}) installing fails softly and the file watcher and admin API remain.
 */
public final class Sighup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sighup.class);

  private final Signal signal;
  private final SignalHandler previous;

  private Sighup(Signal signal, SignalHandler previous) {
    this.signal = signal;
    this.previous = previous;
  }

  /**
   * Installs {@code action} as the SIGHUP handler; it runs on the JVM's signal thread, so it must hand work off
   * rather than do it. Returns null when signals are unavailable.
   */
  public static Sighup install(Runnable action) {
    try {
      Signal hup = new Signal("HUP");
      return new Sighup(hup, Signal.handle(hup, s -> action.run()));
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | LinkageError e) {
      log.warn("SIGHUP reload unavailable on this JVM ({}); config reloads on file change only", e.toString());
      return null;
    }
  }

  /** Puts back the handler that was there before. */
  @Override
  public void close() {
    try {
      Signal.handle(signal, previous);
    } catch (IllegalArgumentException | IllegalStateException e) {
      log.debug("restoring the SIGHUP handler", e);
    }
  }
}
