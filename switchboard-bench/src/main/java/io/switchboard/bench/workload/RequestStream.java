package io.switchboard.bench.workload;

/**
 * A workload's requests in arrival order, produced one at a time so memory does not grow with the trace.
 * Closing releases the file a trace is read from.
 */
public interface RequestStream extends AutoCloseable {

  /** The next request (arrival times never decrease), or null when the workload is exhausted. */
  TraceRequest next();

  @Override
  default void close() {}
}
