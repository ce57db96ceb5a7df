package io.switchboard.gateway.internal;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exchange waiting in its group's {@link AdmissionQueue}. Whichever comes first wins one
 * compare-and-set: admission (from a release on any event loop), the queue timeout, or the exchange
 * ending (client gone). Admission hops back to the request's own event loop before the chain resumes.
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
    return Picker.eligible(x, endpoint, request.expectedTokens(), true);
  }

  /** Called on any thread by a draining queue, with a slot already taken on {@code endpoint}. */
  @Override
  public boolean tryAdmit(EndpointState endpoint) {
    if (!state.compareAndSet(WAITING, ADMITTED)) return false;
    x.context.runOnContext(v -> resume(endpoint));
    return true;
  }

  void startTimer(long millis) {
    timerId = x.shared.vertx.setTimer(Math.max(1, millis), id -> {
      if (!state.compareAndSet(WAITING, GONE)) return;
      x.waiter = null;
      if (first) x.fail(GatewayError.noCapacity(x.route.group().model(), true));
      else x.guard(() -> Failover.giveUp(x, chain));
    });
  }

  /** The exchange ended while waiting; a later admission gives its slot straight back. */
  void cancel() {
    state.compareAndSet(WAITING, GONE);
    x.shared.vertx.cancelTimer(timerId);
  }

  private void resume(EndpointState endpoint) {
    x.shared.vertx.cancelTimer(timerId);
    if (x.finished()) {
      // The client left between admission and this hop: the slot was never used.
      endpoint.release(request.expectedTokens());
      x.shared.drainer.afterRelease(x.table, endpoint);
      return;
    }
    x.waiter = null;
    x.shared.metrics.queueWait(x.now() - x.queuedNanos);
    x.guard(() -> {
      // The guard may have changed its mind while the request waited (a 429 elsewhere, a budget spent).
      if (Picker.admit(x, endpoint)) onPicked.run();
      else Failover.route(x, chain, first, onPicked);
    });
  }
}
