package io.switchboard.bench.workload.internal;

import io.switchboard.bench.workload.Arrivals;
import io.switchboard.bench.workload.RequestStream;
import io.switchboard.bench.workload.TraceRequest;
import java.util.SplittableRandom;

/**
 * An open-loop stream of independent requests: arrival gaps from {@link Arrivals}, each request's content
 * from a {@link Maker} with its own random generator, so changing the arrival process leaves content alone.
 */
final class SyntheticStream implements RequestStream {
  /** Makes request {@code id} arriving at {@code arrivalNanos}. */
  interface Maker {
    TraceRequest make(long id, long arrivalNanos, SplittableRandom random);
  }

  private final Arrivals arrivals;
  private final double rate;
  private final int limit;
  private final Maker maker;
  private final SplittableRandom arrivalRandom;
  private final SplittableRandom contentRandom;
  private double clockSeconds;
  private long id;

  SyntheticStream(long seed, Arrivals arrivals, double rate, int limit, Maker maker) {
    SplittableRandom root = new SplittableRandom(seed);
    this.arrivalRandom = root.split();
    this.contentRandom = root.split();
    this.arrivals = arrivals;
    this.rate = rate;
    this.limit = limit;
    this.maker = maker;
  }

  @Override
  public TraceRequest next() {
    if (id >= limit) return null;
    if (id > 0) clockSeconds += arrivals.nextGapSeconds(rate, arrivalRandom);
    return maker.make(id++, (long) (clockSeconds * 1e9), contentRandom);
  }
}
