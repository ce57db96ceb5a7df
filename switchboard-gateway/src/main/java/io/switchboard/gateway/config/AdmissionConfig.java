package io.switchboard.gateway.config;

import io.switchboard.core.AdmissionPolicy;
import java.util.List;
import java.util.Locale;

/**
 * How a group's queue orders its waiters and treats requests whose TTFT objective cannot be met (the YAML keys
 * {@code queue.order}, {@code queue.aging}, {@code queue.shed_below_priority}); see {@link AdmissionPolicy}.
 *
 * @param order             {@code fifo} or {@code sejf} (shortest expected job first, with aging)
 * @param agingTokensPerSecond SEJF aging: a job of {@code c} expected tokens is overtaken only by jobs arriving
 *                          within {@code c / aging} seconds after it; 0 is pure SEJF (may starve long jobs)
 * @param shedBelowPriority requests below this priority are shed at once (503) when no endpoint is predicted
 *                          to meet their TTFT objective; the others wait in the queue for one
 */
public record AdmissionConfig(String order, double agingTokensPerSecond, int shedBelowPriority) {
  public static final List<String> ORDERS = List.of("fifo", "sejf");
  public static final AdmissionConfig DEFAULT =
      new AdmissionConfig("fifo", AdmissionPolicy.DEFAULT_AGING_TOKENS_PER_SECOND, 0);

  /** The core policy for a queue of {@code capacity}; call on a validated config. */
  public AdmissionPolicy toPolicy(int capacity) {
    return new AdmissionPolicy(capacity, AdmissionPolicy.Order.valueOf(order.toUpperCase(Locale.ROOT)),
        agingTokensPerSecond, shedBelowPriority);
  }
}
