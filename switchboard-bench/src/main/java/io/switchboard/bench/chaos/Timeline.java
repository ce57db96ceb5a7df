package io.switchboard.bench.chaos;

import java.time.Duration;

/**
 * When each fault starts and ends, in milliseconds from the start of the run, as fixed shares of its
 * duration (60 s: kill at 9 s, restart at 21 s, 429 storm 27-36 s, stalls and cuts 33-45 s, calm after). At
 * most one replica is out of service at any time (the 429 storm overlaps only the stalls and cuts, and a
 * replica that stalls a share of its streams still serves the rest), so the target of no failed
 * non-streaming request applies to the whole run.
 *
 * @param kill        sim-0 is closed hard: listening socket and every connection
 * @param restart     sim-0 listens again on the same port, with a fresh engine
 * @param stormFrom   sim-1 starts answering every request 429 with {@code Retry-After: 1}
 * @param stormTo     and stops
 * @param streamFrom  sim-2 starts stalling or cutting a share of its answers
 * @param streamTo    and stops
 * @param end         load stops
 */
record Timeline(long kill, long restart, long stormFrom, long stormTo, long streamFrom, long streamTo, long end) {

  static Timeline of(Duration duration) {
    long d = duration.toMillis();
    return new Timeline(share(d, 0.15), share(d, 0.35), share(d, 0.45), share(d, 0.60), share(d, 0.55),
        share(d, 0.75), d);
  }

  /** The phase a request sent at {@code millis} belongs to: before the first fault, during them, or after. */
  String phase(long millis) {
    if (millis < kill) return "before";
    return millis < Math.max(streamTo, Math.max(stormTo, restart)) ? "during" : "after";
  }

  private static long share(long d, double s) { return Math.round(d * s); }
}
