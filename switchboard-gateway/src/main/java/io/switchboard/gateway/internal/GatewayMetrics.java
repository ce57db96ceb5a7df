package io.switchboard.gateway.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.RoutingReceipt;
import io.switchboard.core.TokenEstimator;
import io.switchboard.gateway.routing.RoutingTable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics. Meters are looked up once per label set and cached, so recording a
 * request is a few map reads and atomic adds. Admission-queue depth is a gauge per group that reads the
 * group's queue in the current table, so it follows reloads.
 *
 * <ul>
 *   <li>{@code switchboard_requests_total{model,endpoint,status}}</li>
 *   <li>{@code switchboard_requests_in_flight}</li>
 *   <li>{@code switchboard_upstream_latency_seconds{endpoint}}: send to end of the upstream body</li>
 *   <li>{@code switchboard_upstream_ttft_seconds{endpoint}}: send to the first streamed token</li>
 *   <li>{@code switchboard_gateway_overhead_seconds}: time spent in the gateway itself (body read to
 *       upstream send, minus queueing, plus upstream end to client end)</li>
 *   <li>{@code switchboard_queue_wait_seconds{group,priority,outcome}}: time in an admission queue, by how the
 *       request left it ({@code admitted}, {@code timed_out}, {@code cancelled})</li>
 *   <li>{@code switchboard_admission_queue_depth{group}}, and per priority class
 *       {@code switchboard_admission_queue_class_depth{group,priority}}</li>
 *   <li>{@code switchboard_token_estimate_bytes_per_token{group}} and
 *       {@code switchboard_token_estimate_output_tokens{group}}: what the group's token estimates have learned</li>
 *   <li>{@code switchboard_routing_decisions_total{group,reason}}: routing decisions by their receipt's reason
 *       ({@code best}, {@code tie}, {@code sampled}, {@code explore}, {@code only}, {@code strategy})</li>
 *   <li>{@code switchboard_stream_continuations_total{outcome}}: broken streams continued on another
 *       endpoint ({@code continued}) or ended with their error event because none could ({@code failed})</li>
 *   <li>{@code switchboard_hedges_total{outcome}}: hedges {@code sent}, {@code won}, {@code lost} (the first
 *       attempt committed first), {@code failed}; and not sent: {@code denied} (over {@code max_share} or no
 *       attempt left), {@code no_endpoint}</li>
 * </ul>
 */
final class GatewayMetrics {
  /** Hand-written equality: a record's is dispatched through an invokedynamic bootstrap on every lookup. */
  private static final class RequestKey {
    final String model;
    final String endpoint;
    final int status;
    private final int hash;

    RequestKey(String model, String endpoint, int status) {
      this.model = model;
      this.endpoint = endpoint;
      this.status = status;
      this.hash = (model.hashCode() * 31 + endpoint.hashCode()) * 31 + status;
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) {
      return o instanceof RequestKey k && k.hash == hash && k.status == status && k.endpoint.equals(endpoint)
          && k.model.equals(model);
    }
  }

  private final MeterRegistry registry;
  private final Supplier<RoutingTable> tables;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Map<String, Timer> ttft = new ConcurrentHashMap<>();
  private final Map<String, Counter> hedges = new ConcurrentHashMap<>();
  private static final RoutingReceipt.Reason[] REASONS = RoutingReceipt.Reason.values();
  private final Map<String, Counter[]> decisions = new ConcurrentHashMap<>();
  private final Map<String, Boolean> queueGauges = new ConcurrentHashMap<>();
  private final Counter continued;
  private final Counter notContinued;
  private final Timer overhead;
  private final Map<WaitKey, Timer> queueWaits = new ConcurrentHashMap<>();
  private volatile RoutingTable gaugedTable;

  GatewayMetrics(MeterRegistry registry, Supplier<RoutingTable> tables) {
    this.registry = registry;
    this.tables = tables;
    Gauge.builder("switchboard_requests_in_flight", inFlight, AtomicInteger::get)
        .description("Proxied requests being handled").register(registry);
    overhead = Timer.builder("switchboard_gateway_overhead")
        .description("Time spent inside the gateway itself, excluding upstream and queue time")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1_000))
        .maximumExpectedValue(Duration.ofMillis(100)).register(registry);
    continued = Counter.builder("switchboard_stream_continuations").tag("outcome", "continued")
        .description("Broken streams continued on another endpoint, or not").register(registry);
    notContinued = Counter.builder("switchboard_stream_continuations").tag("outcome", "failed")
        .description("Broken streams continued on another endpoint, or not").register(registry);
  }

  void streamContinuation(boolean ok) { (ok ? continued : notContinued).increment(); }

  /** Counts one routing decision of {@code group} by its receipt's reason. */
  void decided(String group, RoutingReceipt.Reason reason) {
    Counter[] byReason = decisions.get(group);
    if (byReason == null) byReason = decisions.computeIfAbsent(group, g -> new Counter[REASONS.length]);
    Counter c = byReason[reason.ordinal()];
    if (c == null) {
      // A racing thread registers the same meter: Micrometer returns the one counter for one name and tags.
      byReason[reason.ordinal()] = c = Counter.builder("switchboard_routing_decisions").tag("group", group)
          .tag("reason", reason.label()).description("Routing decisions by why the endpoint was picked")
          .register(registry);
    }
    c.increment();
  }

  void hedge(String outcome) {
    hedges.computeIfAbsent(outcome, o -> Counter.builder("switchboard_hedges").tag("outcome", o)
        .description("Hedged attempts by outcome").register(registry)).increment();
  }

  void requestStarted(RoutingTable table) {
    inFlight.incrementAndGet();
    if (table != gaugedTable && table != null) registerQueueGauges(table);
  }

  private record WaitKey(String group, int priority, AdmissionQueue.Exit exit) {}

  private record ClassKey(String group, int priority) {}

  /** Meters one group's queue: a wait timer per class and outcome, a depth gauge per class once it is seen. */
  private AdmissionQueue.Meter queueMeter(String group) {
    return new AdmissionQueue.Meter() {
      @Override
      public void entered(int priority) {
        if (queueGauges.putIfAbsent(group + '\u0000' + priority, Boolean.TRUE) == null) {
          Gauge.builder("switchboard_admission_queue_class_depth", () -> depth(group, priority))
              .description("Requests waiting in a model group's admission queue, per priority class")
              .tag("group", group).tag("priority", Integer.toString(priority)).register(registry);
        }
      }

      @Override
      public void left(int priority, long waitedNanos, AdmissionQueue.Exit exit) {
        queueWaits.computeIfAbsent(new WaitKey(group, priority, exit), k -> Timer.builder("switchboard_queue_wait")
            .description("Time requests waited in an admission queue, by priority class and how they left it")
            .tag("group", k.group).tag("priority", Integer.toString(k.priority))
            .tag("outcome", k.exit.name().toLowerCase(java.util.Locale.ROOT))
            .publishPercentileHistogram().register(registry)).record(waitedNanos, TimeUnit.NANOSECONDS);
      }
    };
  }

  void requestFinished(Exchange x, long now) {
    inFlight.decrementAndGet();
    String model = x.peek == null || x.route == null ? "" : x.peek.model;
    String endpoint = x.endpointId() == null ? "" : x.endpointId();
    RequestKey key = new RequestKey(model, endpoint, x.status);
    Counter c = requests.get(key);
    if (c == null) c = requests.computeIfAbsent(key, k -> Counter.builder("switchboard_requests")
        .description("Proxied requests by model, endpoint and status")
        .tag("model", k.model).tag("endpoint", k.endpoint).tag("status", Integer.toString(k.status))
        .register(registry));
    c.increment();
    if (x.upstreamEndNanos > 0) {
      timer(latency, "switchboard_upstream_latency", "Upstream send to end of body", endpoint)
          .record(x.upstreamEndNanos - x.sentNanos, TimeUnit.NANOSECONDS);
      long queued = x.queuedNanos == 0 ? 0 : x.sentNanos - x.queuedNanos;
      long inside = Math.max(0, x.sentNanos - x.bodyReadNanos - queued) + (now - x.upstreamEndNanos);
      overhead.record(inside, TimeUnit.NANOSECONDS);
    }
    if (x.firstTokenNanos > 0 && x.firstTokenNanos >= x.sentNanos) {
      timer(ttft, "switchboard_upstream_ttft", "Upstream send to first streamed token", endpoint)
          .record(x.firstTokenNanos - x.sentNanos, TimeUnit.NANOSECONDS);
    }
  }

  private Timer timer(Map<String, Timer> cache, String name, String description, String endpoint) {
    return cache.computeIfAbsent(endpoint, e -> Timer.builder(name).description(description).tag("endpoint", e)
        .publishPercentileHistogram().register(registry));
  }

  private void registerQueueGauges(RoutingTable table) {
    gaugedTable = table;
    for (RoutingTable.Route r : table.routes()) {
      String group = r.group().model();
      r.router().queue().meter(queueMeter(group));
      if (queueGauges.putIfAbsent(group, Boolean.TRUE) == null) {
        Gauge.builder("switchboard_admission_queue_depth", () -> depth(group))
            .description("Requests waiting for an endpoint slot, per model group").tag("group", group)
            .register(registry);
        // The estimator outlives reloads (the registry keeps one per group), so the gauges may hold it.
        Gauge.builder("switchboard_token_estimate_bytes_per_token", r.tokens(), TokenEstimator::bytesPerToken)
            .description("Request bytes per prompt token, learned from reported usage, per model group")
            .tag("group", group).register(registry);
        Gauge.builder("switchboard_token_estimate_output_tokens", r.tokens(), TokenEstimator::meanOutputTokens)
            .description("Mean length in tokens of answers that ended before their max_tokens, learned from reported usage, per model group")
            .tag("group", group).register(registry);
      }
    }
  }

  private int depth(String group) { return depth(group, Integer.MIN_VALUE); }

  /** Depth of one class of a group's queue in the current table; {@code Integer.MIN_VALUE}: every class. */
  private int depth(String group, int priority) {
    RoutingTable t = tables.get();
    if (t == null) return 0;
    for (RoutingTable.Route r : t.routes()) {
      if (r.group().model().equals(group)) {
        AdmissionQueue q = r.router().queue();
        return priority == Integer.MIN_VALUE ? q.depth() : q.depth(priority);
      }
    }
    return 0;
  }
}
