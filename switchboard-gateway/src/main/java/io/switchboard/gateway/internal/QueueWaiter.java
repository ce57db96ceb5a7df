package io.switchboard.gateway.internal;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exchange waiting in its group's {@link AdmissionQueue}. Whichever comes first wins one
 * compare-and-set: admission (from a drain on any event loop, with a routing decision that holds a slot), the
 * queue timeout, or the exchange ending (client gone). Admission hops back to the request's own event loop before
 * the chain resumes; so does a timeout the queue noticed first.
 */
final class QueueWaiter implements AdmissionQueue.Waiter {
  private static final int WAITING = 0;
  private static final int ADMITTED = 1;
  private static final int GONE = 2;

  private final Exchange x;
  private final Chain chain;
  private final boolean first;
  private final Runnable onPicked;
  private final RouteRequest request;
  private final AtomicInteger state = new AtomicInteger(WAITING);
  private AdmissionQueue.Ticket ticket;
  private long timerId = -1;

  QueueWaiter(Exchange x, Chain chain, boolean first, Runnable onPicked) {
    this.x = x;
    this.chain = chain;
    this.first = first;
    this.onPicked = onPicked;
    this.request = x.routeRequest;
  }

  @Override
  public RouteRequest request() { return request; }

  @Override
  public boolean isWaiting() { return state.get() == WAITING; }

  /** Called on any thread: reads only what does not change while the exchange waits. */
  @Override
  public boolean eligible(EndpointState endpoint) {
    return Picker.eligible(x, endpoint, true);
  }

  /** Called on any thread by a draining queue, with a slot already taken by {@code decision}. */
  @Override
  public boolean tryAdmit(RouteDecision decision) {
    if (!state.compareAndSet(WAITING, ADMITTED)) return false;
    x.context.runOnContext(v -> resume(decision));
    return true;
  }

  /** Called on any thread by a draining queue that found the deadline passed before the timer fired. */
  @Override
  public void expired() {
    if (state.compareAndSet(WAITING, GONE)) x.context.runOnContext(v -> timedOut());
  }

  /** Queued as {@code ticket}; answers with a timeout after {@code millis} unless admitted first. */
  void start(AdmissionQueue.Ticket ticket, long millis) {
    this.ticket = ticket;
    timerId = x.shared.vertx.setTimer(Math.max(1, millis), id -> {
      if (!state.compareAndSet(WAITING, GONE)) return;
      ticket.timedOut();
      timedOut();
    });
  }

  /** The exchange ended while waiting; a later admission gives its slot straight back. */
  void cancel() {
    state.compareAndSet(WAITING, GONE);
    if (ticket != null) ticket.cancel();
    x.shared.vertx.cancelTimer(timerId);
  }

  private void timedOut() {
    x.shared.vertx.cancelTimer(timerId);
    x.waiter = null;
    if (x.finished()) return;
    if (first) x.fail(GatewayError.noCapacity(x.route.group().model(), true));
    else x.guard(() -> Failover.giveUp(x, chain));
  }

  private void resume(RouteDecision d) {
    x.shared.vertx.cancelTimer(timerId);
    EndpointState endpoint = d.endpoint();
    if (x.finished()) {
      // The client left between admission and this hop: the decision was never used.
      d.finished(0, 0, false);
      endpoint.release(request.expectedTokens());
      x.shared.drainer.afterRelease(x.table, endpoint);
      return;
    }
    x.waiter = null;
    x.guard(() -> {
      // The guard may have changed its mind while the request waited (a 429 elsewhere, a budget spent).
      if (Picker.admit(x, endpoint)) {
        x.routed(d);
        onPicked.run();
      } else {
        d.finished(0, 0, false);
        Failover.route(x, chain, first, onPicked);
      }
    });
  }
}
