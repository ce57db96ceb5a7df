package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GroupRouterTest {
  private static final RouteRequest REQ = RouteRequest.of("m", 100, 10);

  /** A waiter whose admission is one compare-and-set, as the gateway's is. */
  static final class TestWaiter implements AdmissionQueue.Waiter {
    final AtomicReference<Object> state = new AtomicReference<>("waiting");

    @Override public RouteRequest request() { return REQ; }
    @Override public boolean isWaiting() { return "waiting".equals(state.get()); }
    @Override public boolean tryAdmit(EndpointState e) { return state.compareAndSet("waiting", e); }
    boolean expire() { return state.compareAndSet("waiting", "expired"); }
  }

  private static GroupRouter router(int queueCapacity, EndpointState... eps) {
    return new GroupRouter("g", List.of(eps), Strategies.create("round-robin", new SplittableRandom(1)),
        new AdmissionQueue(queueCapacity));
  }

  @Test
  void tryRoute_neverExceedsAnEndpointsConcurrencyLimit() {
    var a = new EndpointState("a", new EndpointLimits(1, 2));
    var b = new EndpointState("b", new EndpointLimits(1, 1));
    var r = router(0, a, b);
    List<EndpointState> got = new ArrayList<>();
    for (int i = 0; i < 5; i++) got.add(r.tryRoute(REQ));
    assertThat(got).filteredOn(x -> x == a).hasSize(2);
    assertThat(got).filteredOn(x -> x == b).hasSize(1);
    assertThat(got.subList(3, 5)).containsOnlyNulls();
    assertThat(a.tokensInFlight()).isEqualTo(2 * REQ.expectedTokens());
  }

  @Test
  void tryRoute_skipsEndpointsTheCallerExcludes() {
    var a = new EndpointState("a", EndpointLimits.DEFAULT);
    var b = new EndpointState("b", EndpointLimits.DEFAULT);
    var r = router(0, a, b);
    for (int i = 0; i < 4; i++) assertThat(r.tryRoute(REQ, e -> e != a)).isSameAs(b);
  }

  @Test
  void drainQueue_admitsWaitersInArrivalOrder_whenSlotsFree() {
    var a = new EndpointState("a", new EndpointLimits(1, 1));
    var r = router(10, a);
    assertThat(r.tryRoute(REQ)).isSameAs(a);
    var first = new TestWaiter();
    var second = new TestWaiter();
    assertThat(r.queue().offer(first)).isTrue();
    assertThat(r.queue().offer(second)).isTrue();
    r.drainQueue();
    assertThat(first.isWaiting()).isTrue(); // nothing freed yet

    a.release(REQ.expectedTokens());
    r.drainQueue();
    assertThat(first.state.get()).isSameAs(a);
    assertThat(second.isWaiting()).isTrue();
    assertThat(r.queue().depth()).isEqualTo(1);
  }

  @Test
  void drainQueue_skipsWaitersThatTimedOut_andKeepsTheirSlotFree() {
    var a = new EndpointState("a", new EndpointLimits(1, 1));
    var r = router(10, a);
    r.tryRoute(REQ);
    var expired = new TestWaiter();
    var live = new TestWaiter();
    r.queue().offer(expired);
    r.queue().offer(live);
    assertThat(expired.expire()).isTrue();
    a.release(REQ.expectedTokens());
    r.drainQueue();
    assertThat(live.state.get()).isSameAs(a);
    assertThat(a.outstanding()).isEqualTo(1);
    assertThat(r.queue().depth()).isZero();
  }

  @Test
  void offer_rejectsWhenTheQueueIsFull() {
    var r = router(1, new EndpointState("a", new EndpointLimits(1, 1)));
    assertThat(r.queue().offer(new TestWaiter())).isTrue();
    assertThat(r.queue().offer(new TestWaiter())).isFalse();
    assertThat(r.queue().depth()).isEqualTo(1);
  }
}
