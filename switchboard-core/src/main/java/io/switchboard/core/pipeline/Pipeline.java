package io.switchboard.core.pipeline;

import io.switchboard.core.DecidingBalancer;
import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.RoutingReceipt;
import io.switchboard.core.RoutingReceipt.Reason;
import io.switchboard.core.pipeline.internal.Ctx;
import io.switchboard.core.pipeline.internal.Features;
import io.switchboard.core.pipeline.internal.Filter;
import io.switchboard.core.pipeline.internal.Filters;
import io.switchboard.core.pipeline.internal.Params;
import io.switchboard.core.pipeline.internal.Picker;
import io.switchboard.core.pipeline.internal.Pickers;
import io.switchboard.core.pipeline.internal.Scorer;
import io.switchboard.core.pipeline.internal.Scorers;
import io.switchboard.core.pipeline.internal.TpotFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * A model group's routing pipeline. The order of one decision, in one place:
 * <ol>
 *   <li>filters, in spec order, drop candidates that must not take the request (full, context too small,
 *       wrong labels, above the bounded-load cap);</li>
 *   <li>every scorer rates every remaining candidate 0..1; the total is the weighted mean;</li>
 *   <li>the picker chooses (highest total with random tie-break, softmax, or weighted split);</li>
 *   <li>once the caller holds the slot ({@link #commit}), the prompt is recorded in the pick's prefix index and
 *       its prefill counted as pending there;</li>
 *   <li>the caller's reports through the {@link RouteDecision} (first token, end) update the pick's pending
 *       prefill, latency averages and TTFT and TPOT models.</li>
 * </ol>
 * Steps 1-3 change no learned state, so a decision that loses its slot race is simply made again.
 *
 * <p>Parameters ({@link PipelineSpec#params()}): {@code epsilon} (max picker exploration share, 0),
 * {@code temperature} (softmax, 0.05), {@code sticky} (weighted split by affinity key, false), {@code labels}
 * ({@code k=v&k2=v2} for the labels filter), {@code load-slack} (bounded-load filter, 0.25), {@code prefix-slack}
 * and {@code session-slack} (their scorers' load guards, 0.25), {@code decode-weight} (token-load, 1), {@code own-weight} (token-load: weight of the request's own uncached tokens, 0),
 * {@code kv-weight} (engine-state, 4), {@code latency-band} (latency, 1.2), {@code ttft-unit} (predicted-latency: the
 * cost-ratio unit in ms, 10) and {@code ttft-relative} (predicted-latency: the unit as a multiple of the best cost, 0 = off).
 *
 * <p>Thread-safe: decisions share only the signals, which are thread-safe.
 */
public final class Pipeline implements DecidingBalancer, RouteDecision.Feedback {
  private final PipelineSpec spec;
  private final Signals signals;
  private final RandomGenerator random;
  private final Filter[] filters;
  private final Scorer[] scorers;
  private final double[] weights;
  private final List<String> scorerNames;
  private final Picker picker;
  private final LongAdder[] reasons = new LongAdder[Reason.values().length];

  private Pipeline(PipelineSpec spec, Signals signals, RandomGenerator random) {
    this.spec = spec;
    this.signals = Objects.requireNonNull(signals, "signals");
    this.random = Objects.requireNonNull(random, "random");
    Params params = new Params(spec.name(), spec.params());
    filters = spec.filters().stream().map(f -> Filters.create(f, params)).toArray(Filter[]::new);
    scorers = new Scorer[spec.scorers().size()];
    weights = new double[scorers.length];
    List<String> names = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < scorers.length; i++) {
      PipelineSpec.ScorerSpec s = spec.scorers().get(i);
      scorers[i] = Scorers.create(s.name(), params);
      weights[i] = s.weight();
      sum += s.weight();
      names.add(scorers[i].name());
    }
    if (scorers.length > 0 && !(sum > 0)) {
      throw new IllegalArgumentException("pipeline '" + spec.name() + "': scorer weights add up to 0; give one a weight > 0");
    }
    for (int i = 0; i < weights.length; i++) weights[i] /= sum;
    scorerNames = List.copyOf(names);
    picker = Pickers.create(spec.picker(), params);
    for (int i = 0; i < reasons.length; i++) reasons[i] = new LongAdder();
  }

  /**
   * Builds a pipeline, checking every name and parameter.
   *
   * @throws IllegalArgumentException naming the pipeline, the bad entry and the valid choices
   */
  public static Pipeline create(PipelineSpec spec, Signals signals, RandomGenerator random) {
    return new Pipeline(spec, signals, random);
  }

  public PipelineSpec spec() { return spec; }

  public Signals signals() { return signals; }

  @Override
  public String name() { return spec.name(); }

  /** Decisions made so far for {@code reason}, for metrics. */
  public long count(Reason reason) { return reasons[reason.ordinal()].sum(); }

  @Override
  public RouteDecision decide(List<EndpointState> offered, RouteRequest request, boolean explain) {
    List<EndpointState> candidates = offered;
    for (Filter f : filters) {
      candidates = f.apply(candidates, request, signals);
      if (candidates.isEmpty()) {
        reasons[Reason.NONE_FIT.ordinal()].increment();
        return null;
      }
    }
    Ctx ctx = new Ctx(candidates, request, signals);
    int n = ctx.n;
    double[] totals = new double[n];
    if (scorers.length == 0) java.util.Arrays.fill(totals, 1); // no opinion: the picker alone decides (weighted split)
    double[][] perScorer = explain ? new double[scorers.length][n] : null;
    double[] scratch = explain ? null : new double[n];
    for (int s = 0; s < scorers.length; s++) {
      double[] out = explain ? perScorer[s] : scratch;
      scorers[s].score(ctx, out);
      for (int i = 0; i < n; i++) totals[i] += weights[s] * out[i];
    }
    Picker.Pick pick = picker.pick(totals, ctx, random);
    reasons[pick.reason().ordinal()].increment();
    int c = pick.index();
    EndpointState chosen = candidates.get(c);
    EndpointSignals sig = ctx.signals(c);
    long uncached = ctx.uncached(c);
    double[] x = Features.of(request.promptTokens(), uncached, sig, chosen);
    double[] xTpot = TpotFeatures.of(request, sig, chosen);
    double predictedMs = ctx.predictedMs(c);
    double predictedTpotMs = ctx.predictedTpotMs(c);
    RoutingReceipt receipt = null;
    if (explain) {
      List<String> ids = new ArrayList<>(n);
      for (EndpointState e : candidates) ids.add(e.id());
      receipt = new RoutingReceipt(spec.name(), List.copyOf(ids), offered.size() - n, scorerNames, perScorer, totals,
          c, pick.reason(), predictedMs);
    }
    return new RouteDecision(chosen, request, receipt, predictedMs * 1e6, predictedTpotMs * 1e6, this,
        new Ticket(sig, request.promptTokens(), uncached, x, xTpot));
  }

  @Override
  public boolean objectivesPredictedMet(List<EndpointState> offered, RouteRequest request) {
    List<EndpointState> candidates = offered;
    for (Filter f : filters) {
      candidates = f.apply(candidates, request, signals);
      if (candidates.isEmpty()) return true;
    }
    double ttftMs = request.ttftObjectiveNanos() / 1e6;
    double tpotMs = request.tpotObjectiveNanos() / 1e6;
    Ctx ctx = new Ctx(candidates, request, signals);
    for (int i = 0; i < ctx.n; i++) {
      if ((ttftMs <= 0 || ctx.predictedMs(i) <= ttftMs) && (tpotMs <= 0 || ctx.predictedTpotMs(i) <= tpotMs)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void commit(RouteDecision d, boolean tracked) {
    RouteRequest r = d.request();
    signals.prefixes().of(d.endpoint()).record(r.blockHashes());
    Ticket t = (Ticket) d.state();
    if (tracked) {
      t.tracked = true;
      t.signals.prefillStarted(t.promptTokens, t.uncached);
    }
  }

  @Override
  public void firstToken(RouteDecision d, long ttftNanos) {
    Ticket t = (Ticket) d.state();
    if (!t.tracked) return;
    t.signals.prefillEnded(t.promptTokens, t.uncached);
    double ms = ttftNanos / 1e6;
    t.signals.observeTtft(ms);
    t.signals.ttftModel().update(t.features, ms);
    t.signals.ttftCostModel().update(t.features, ms);
  }

  @Override
  public void finished(RouteDecision d, boolean sawFirstToken, int outputTokens, long ttftNanos, long e2eNanos, boolean ok) {
    Ticket t = (Ticket) d.state();
    if (!t.tracked) return;
    if (!sawFirstToken) {
      t.signals.prefillEnded(t.promptTokens, t.uncached);
      return;
    }
    if (ok && outputTokens > 1) {
      double tpotMs = (e2eNanos - ttftNanos) / 1e6 / (outputTokens - 1);
      t.signals.observeTpot(tpotMs);
      t.signals.tpotModel().update(t.tpotFeatures, tpotMs);
    }
  }

  /** What a decision remembers for learning from its outcome. */
  private static final class Ticket {
    final EndpointSignals signals;
    final int promptTokens;
    final long uncached;
    final double[] features;
    final double[] tpotFeatures;
    volatile boolean tracked;

    Ticket(EndpointSignals signals, int promptTokens, long uncached, double[] features, double[] tpotFeatures) {
      this.signals = signals;
      this.promptTokens = promptTokens;
      this.uncached = uncached;
      this.features = features;
      this.tpotFeatures = tpotFeatures;
    }
  }
}
