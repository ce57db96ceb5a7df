package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.SimCounters;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link SimCounters}; written on the event loop, read from any thread. */
public final class Counters {
  final AtomicLong received = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong cancelledByClient = new AtomicLong();
  final AtomicLong aborted = new AtomicLong();
  final AtomicLong faultsInjected = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();

  /** A snapshot; settled counts are read before {@code received} so {@code inFlight} is never negative. */
  public SimCounters snapshot() {
    long done = completed.get();
    long cancelled = cancelledByClient.get();
    long abort = aborted.get();
    long rec = received.get();
    return new SimCounters(rec, rec - done - cancelled - abort, done, cancelled, abort, faultsInjected.get(), rateLimited.get());
  }
}
