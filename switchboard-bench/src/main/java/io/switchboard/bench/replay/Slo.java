package io.switchboard.bench.replay;

/**
 * Service-level objectives a request must meet to count towards goodput: TTFT and TPOT at most these
 * values. Requests with one output token have no TPOT and are judged on TTFT alone.
 */
public record Slo(long ttftNanos, long tpotNanos) {
  public Slo {
    if (ttftNanos <= 0 || tpotNanos <= 0) throw new IllegalArgumentException("SLO limits must be > 0: " + ttftNanos + ", " + tpotNanos);
  }

  public boolean met(long ttft, double tpot) { return ttft <= ttftNanos && (Double.isNaN(tpot) || tpot <= tpotNanos); }
}
