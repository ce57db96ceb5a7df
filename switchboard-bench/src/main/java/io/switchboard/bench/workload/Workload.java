package io.switchboard.bench.workload;

/** A named, seeded source of requests. Immutable; every {@link #open} starts from the beginning. */
public interface Workload {

  /** The spec that names this workload, e.g. {@code sharegpt:gamma:cv=4}. */
  String spec();

  /** Requests per second at rate scale 1 (a trace's own mean rate, a generator's {@code rate=}). */
  double nominalRate();

  /** Requests in a trace; {@link Integer#MAX_VALUE} for a generator, which never runs out. */
  int size();

  /**
   * Streams the requests with arrival times divided by {@code rateScale} (2 = twice the rate), ending after
   * {@code limit} requests or when a trace ends.
   *
   * @param seed the seed behind every random choice; the same seed gives the same requests
   */
  RequestStream open(long seed, double rateScale, int limit);
}
