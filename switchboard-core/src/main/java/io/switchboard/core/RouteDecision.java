package io.switchboard.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One routing decision that holds a slot on {@link #endpoint()}: the receipt (when asked for), the predicted
 * TTFT and TPOT, and the way back for what the caller then observes. The caller reports the first token once
 * ({@link #firstToken}) and the end exactly once ({@link #finished}), so learned signals (pending prefill,
 * latency averages, the TTFT predictor) see what a gateway sees: its own send, first-token and finish times.
 * Reporting is independent of {@link EndpointState#release}, which the caller still does.
 *
 * <p>Thread-safe: each report happens at most once, guarded by compare-and-set.
 */
public final class RouteDecision {
  private static final int SENT = 0, STREAMING = 1, DONE = 2;

  /** What a policy learns from a decision's outcome. */
  public interface Feedback {
    Feedback NONE = new Feedback() {
      @Override public void firstToken(RouteDecision d, long ttftNanos) {}

      @Override public void finished(RouteDecision d, boolean sawFirstToken, int outputTokens, long ttftNanos, long e2eNanos, boolean ok) {}
    };

    void firstToken(RouteDecision d, long ttftNanos);

    /** {@code ttftNanos} is meaningful only when {@code sawFirstToken}. */
    void finished(RouteDecision d, boolean sawFirstToken, int outputTokens, long ttftNanos, long e2eNanos, boolean ok);
  }

  private final EndpointState endpoint;
  private final RouteRequest request;
  private final RoutingReceipt receipt;
  private final double predictedTtftNanos;
  private final double predictedTpotNanos;
  private final Feedback feedback;
  private final Object state;
  private final AtomicInteger phase = new AtomicInteger(SENT);
  private volatile long ttftNanos = -1;

  /**
   * @param predictedTpotNanos the predicted time per output token on the endpoint, NaN when none
   * @param state what the policy keeps for learning from this decision (e.g. the predictor's features)
   */
  public RouteDecision(EndpointState endpoint, RouteRequest request, RoutingReceipt receipt, double predictedTtftNanos,
                       double predictedTpotNanos, Feedback feedback, Object state) {
    this.endpoint = endpoint;
    this.request = request;
    this.receipt = receipt;
    this.predictedTtftNanos = predictedTtftNanos;
    this.predictedTpotNanos = predictedTpotNanos;
    this.feedback = feedback == null ? Feedback.NONE : feedback;
    this.state = state;
  }

  /** A decision without a TPOT prediction. */
  public RouteDecision(EndpointState endpoint, RouteRequest request, RoutingReceipt receipt, double predictedTtftNanos,
                       Feedback feedback, Object state) {
    this(endpoint, request, receipt, predictedTtftNanos, Double.NaN, feedback, state);
  }

  /** A decision by a plain {@link LoadBalancer}: no scores, nothing learned. */
  public static RouteDecision plain(EndpointState endpoint, RouteRequest request) {
    return new RouteDecision(endpoint, request, null, Double.NaN, Feedback.NONE, null);
  }

  public EndpointState endpoint() { return endpoint; }

  public RouteRequest request() { return request; }

  /** The receipt, or null when the decision was made without {@code explain}. */
  public RoutingReceipt receipt() { return receipt; }

  /** The predicted TTFT on the chosen endpoint in nanoseconds, NaN when the policy predicts none. */
  public double predictedTtftNanos() { return predictedTtftNanos; }

  /** The predicted time per output token on the chosen endpoint in nanoseconds, NaN when the policy predicts none. */
  public double predictedTpotNanos() { return predictedTpotNanos; }

  /** The policy's private per-decision state. */
  public Object state() { return state; }

  /** Reports the first token, {@code ttftNanos} after the request was sent; later calls are ignored. */
  public void firstToken(long ttftNanos) {
    if (phase.compareAndSet(SENT, STREAMING)) {
      this.ttftNanos = ttftNanos;
      feedback.firstToken(this, ttftNanos);
    }
  }

  /**
   * Reports the end of the request ({@code ok} false for an error or cancellation), {@code e2eNanos} after it was
   * sent with {@code outputTokens} generated. Only the first call counts.
   */
  public void finished(int outputTokens, long e2eNanos, boolean ok) {
    int p;
    do {
      p = phase.get();
      if (p == DONE) return;
    } while (!phase.compareAndSet(p, DONE));
    feedback.finished(this, p == STREAMING, outputTokens, ttftNanos, e2eNanos, ok);
  }
}
