package io.switchboard.core.pipeline.internal;

/** An exponentially weighted moving average; the first sample sets it. Thread-safe (one small lock). */
public final class Ewma {
  private final double alpha;
  private double value = Double.NaN;

  public Ewma(double alpha) {
    if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
    this.alpha = alpha;
  }

  public synchronized void add(double x) {
    if (Double.isNaN(x)) return;
    value = Double.isNaN(value) ? x : value + alpha * (x - value);
  }

  /** NaN before the first sample. */
  public synchronized double value() { return value; }
}
