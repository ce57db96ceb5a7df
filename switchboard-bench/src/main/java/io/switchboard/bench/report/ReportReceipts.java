package io.switchboard.bench.report;

import io.switchboard.bench.replay.Sweep;
import java.util.Locale;

/**
 * The sampled routing receipts of a replay ({@code receipts.txt}, {@code replay --receipts N}): per run (policy,
 * load, seed) a header line, then one line per sampled request: its id, arrival time, prompt and output tokens,
 * the full receipt (every candidate's scores, the pick and why) and what then happened (TTFT, TPOT and the
 * predicted TPOT). Empty when no run kept receipts.
 */
public final class ReportReceipts {
  private ReportReceipts() {}

  public static String render(Sweep.Result r) {
    StringBuilder sb = new StringBuilder();
    for (Sweep.Cell c : r.cells()) {
      if (c.run().receipts().isEmpty()) continue;
      sb.append(String.format(Locale.ROOT, "# policy=%s %s rate=%.3f seed=%d receipts=%d%n", c.policy(),
          Double.isNaN(c.load()) ? "load=-" : String.format(Locale.ROOT, "load=%.2f", c.load()), c.rateRps(), c.seed(),
          c.run().receipts().size()));
      for (String line : c.run().receipts()) sb.append(line).append('\n');
    }
    return sb.toString();
  }
}
