package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long FAR = Long.MAX_VALUE / 2;

  private final AtomicLong clock = new AtomicLong(-5 * SECOND); // below zero, as System.nanoTime() may be
  private final List<String> admitted = new ArrayList<>();

  /** A waiter whose admission is one compare-and-set, as the gateway's is; records the order of admission. */
  class TestWaiter implements AdmissionQueue.Waiter {
    final String name;
    final RouteRequest request;
    final AtomicReference<Object> state = new AtomicReference<>("waiting");

    TestWaiter(String name, RouteRequest request) {
      this.name = name;
      this.request = request;
    }

    @Override public RouteRequest request() { return request; }
    @Override public boolean isWaiting() { return "waiting".equals(state.get()); }

    @Override
    public boolean tryAdmit(RouteDecision d) {
      if (!state.compareAndSet("waiting", d)) return false;
      admitted.add(name);
      return true;
    }

    @Override public void expired() { state.compareAndSet("waiting", "expired"); }

    boolean cancel() { return state.compareAndSet("waiting", "gone"); }

    RouteDecision decision() { return state.get() instanceof RouteDecision d ? d : null; }
  }

  private TestWaiter waiter(String name, int priority, int promptTokens) {
    return new TestWaiter(name, new RouteRequest("m", promptTokens, 0, 0L, priority));
  }

  private GroupRouter router(AdmissionPolicy policy, LoadBalancer balancer, EndpointState... eps) {
    return new GroupRouter("g", List.of(eps), balancer, new AdmissionQueue(policy, clock::get));
  }

  private GroupRouter oneSlot(AdmissionPolicy policy, EndpointState a) {
    GroupRouter r = router(policy, Strategies.create("round-robin", new SplittableRandom(1)), a);
    assertThat(r.tryRoute(RouteRequest.of("m", 1, 0))).isSameAs(a); // the only slot is taken
    return r;
  }

  /** Frees the slot, lets the queue hand it on, and frees it again once the next one took it: returns who got it. */
  private void serveAll(GroupRouter r, EndpointState a) {
    while (r.queue().depth() > 0) {
      int before = admitted.size();
      a.release(0);
      r.drainQueue();
      assertThat(admitted).hasSize(before + 1);
    }
  }

  private static EndpointState endpoint(String id, int max) { return new EndpointState(id, new EndpointLimits(1, max)); }

  @Test
  void drain_admitsHigherPriorityFirst_andArrivalOrderWithinAClass() {
    var a = endpoint("a", 1);
    var r = oneSlot(AdmissionPolicy.fifo(10), a);
    for (var w : List.of(waiter("low-1", -1, 10), waiter("mid-1", 0, 10), waiter("high-1", 5, 10),
        waiter("mid-2", 0, 10), waiter("high-2", 5, 10))) {
      assertThat(r.queue().offer(w, FAR)).isNotNull();
      clock.addAndGet(1);
    }
    assertThat(r.queue().depth(0)).isEqualTo(2);
    serveAll(r, a);
    assertThat(admitted).containsExactly("high-1", "high-2", "mid-1", "mid-2", "low-1");
  }

  @Test
  void drain_withSejf_admitsShorterJobsOfAClassFirst() {
    var a = endpoint("a", 1);
    var r = oneSlot(new AdmissionPolicy(10, AdmissionPolicy.Order.SEJF, 0, 0), a);
    r.queue().offer(waiter("long", 0, 5_000), FAR);
    r.queue().offer(waiter("short", 0, 50), FAR);
    r.queue().offer(waiter("mid", 0, 500), FAR);
    r.queue().offer(waiter("urgent-long", 1, 9_000), FAR);
    serveAll(r, a);
    // The class still comes first: SEJF orders only within it.
    assertThat(admitted).containsExactly("urgent-long", "short", "mid", "long");
  }

  @Test
  void drain_withSejfAging_servesALongJobBeforeShortOnesThatArriveLaterThanItsBound() {
    var a = endpoint("a", 1);
    // 1,000 tokens/s: the 2,000-token job can be overtaken only by arrivals within 2 s of it.
    var r = oneSlot(new AdmissionPolicy(100, AdmissionPolicy.Order.SEJF, 1_000, 0), a);
    r.queue().offer(waiter("long", 0, 2_000), FAR);
    clock.addAndGet(SECOND);
    r.queue().offer(waiter("short-at-1s", 0, 10), FAR);
    clock.addAndGet(1_500_000_000L);
    r.queue().offer(waiter("short-at-2.5s", 0, 10), FAR);
    // A steady stream of short jobs keeps arriving; without aging the long one would never be served.
    for (int i = 0; i < 20; i++) {
      clock.addAndGet(SECOND / 10);
      r.queue().offer(waiter("short-later-" + i, 0, 10), FAR);
    }
    a.release(0);
    r.drainQueue();
    a.release(0);
    r.drainQueue();
    assertThat(admitted).containsExactly("short-at-1s", "long");
  }

  @Test
  void drain_withPureSejf_letsShortJobsOvertakeALongOneForever() {
    // Why aging exists: the same arrivals with aging 0 leave the long job last.
    var a = endpoint("a", 1);
    var r = oneSlot(new AdmissionPolicy(100, AdmissionPolicy.Order.SEJF, 0, 0), a);
    r.queue().offer(waiter("long", 0, 2_000), FAR);
    for (int i = 0; i < 5; i++) {
      clock.addAndGet(10 * SECOND);
      r.queue().offer(waiter("short-" + i, 0, 10), FAR);
    }
    serveAll(r, a);
    assertThat(admitted).last().isEqualTo("long");
  }

  @Test
  void offer_rejectsWhenFull_andAFreedPlaceCanBeTakenAgain() {
    var r = oneSlot(AdmissionPolicy.fifo(2), endpoint("a", 1));
    var first = waiter("1", 0, 10);
    AdmissionQueue.Ticket t = r.queue().offer(first, FAR);
    assertThat(r.queue().offer(waiter("2", 0, 10), FAR)).isNotNull();
    assertThat(r.queue().offer(waiter("3", 0, 10), FAR)).isNull();
    assertThat(r.queue().depth()).isEqualTo(2);
    first.cancel();
    t.cancel();
    assertThat(r.queue().depth()).isEqualTo(1);
    assertThat(r.queue().offer(waiter("4", 0, 10), FAR)).isNotNull();
  }

  @Test
  void expire_removesWaitersPastTheirDeadline_andTellsThem() {
    var r = oneSlot(AdmissionPolicy.fifo(10), endpoint("a", 1));
    var soon = waiter("soon", 0, 10);
    var later = waiter("later", 0, 10);
    r.queue().offer(soon, clock.get() + SECOND);
    r.queue().offer(later, clock.get() + 3 * SECOND);
    clock.addAndGet(SECOND);
    assertThat(r.queue().expire()).isEqualTo(1);
    assertThat(soon.state.get()).isEqualTo("expired");
    assertThat(later.isWaiting()).isTrue();
    assertThat(r.queue().depth()).isEqualTo(1);
  }

  @Test
  void drain_skipsAWaiterPastItsDeadline_andGivesTheSlotToTheNext() {
    var a = endpoint("a", 1);
    var r = oneSlot(AdmissionPolicy.fifo(10), a);
    var stale = waiter("stale", 5, 10);
    r.queue().offer(stale, clock.get() + SECOND);
    r.queue().offer(waiter("fresh", 0, 10), FAR);
    clock.addAndGet(2 * SECOND);
    a.release(0);
    r.drainQueue();
    assertThat(stale.state.get()).isEqualTo("expired");
    assertThat(admitted).containsExactly("fresh");
    assertThat(a.outstanding()).isEqualTo(1);
  }

  @Test
  void drain_dropsWaitersThatStoppedWaiting_andKeepsTheirSlotFree() {
    var a = endpoint("a", 1);
    var r = oneSlot(AdmissionPolicy.fifo(10), a);
    var gone = waiter("gone", 0, 10);
    r.queue().offer(gone, FAR);
    r.queue().offer(waiter("live", 0, 10), FAR);
    gone.cancel();
    a.release(0);
    r.drainQueue();
    assertThat(admitted).containsExactly("live");
    assertThat(a.outstanding()).isEqualTo(1);
    assertThat(r.queue().depth()).isZero();
  }

  @Test
  void drain_neverGivesALowerClassASlotAHigherClassWaiterCouldTake() {
    var a = endpoint("a", 1);
    var b = endpoint("b", 1);
    GroupRouter r = router(AdmissionPolicy.fifo(10), Strategies.create("round-robin", new SplittableRandom(1)), a, b);
    r.tryRoute(RouteRequest.of("m", 1, 0));
    r.tryRoute(RouteRequest.of("m", 1, 0));
    r.queue().offer(waiter("low-early", 0, 10), FAR);
    clock.addAndGet(SECOND);
    // A high-priority waiter that may not go to a (say it failed there): a's slot is for the others.
    var picky = new TestWaiter("high-not-a", new RouteRequest("m", 10, 0, 0L, 3)) {
      @Override public boolean eligible(EndpointState e) { return e != a; }
    };
    r.queue().offer(picky, FAR);
    r.queue().offer(waiter("high", 3, 10), FAR);
    a.release(0);
    r.drainQueue();
    assertThat(admitted).containsExactly("high");
    b.release(0);
    r.drainQueue();
    assertThat(admitted).containsExactly("high", "high-not-a");
    assertThat(r.queue().depth()).isEqualTo(1);
  }

  @Test
  void drain_routesWithADecision_soQueuedRequestsGetAReceiptAndReportBack() {
    var a = endpoint("a", 1);
    GroupRouter r = router(AdmissionPolicy.fifo(10), Strategies.create("smart", new SplittableRandom(1)), a);
    assertThat(r.route(RouteRequest.of("m", 10, 5), e -> true, false)).isNotNull();
    var w = waiter("w", 0, 10);
    r.queue().offer(w, FAR);
    a.release(0);
    r.drainQueue();
    assertThat(w.decision()).isNotNull();
    assertThat(w.decision().receipt().compact()).startsWith("smart pick=a");
  }

  @Test
  void meter_hearsEveryExitWithItsWaitAndClass() {
    var a = endpoint("a", 1);
    var r = oneSlot(AdmissionPolicy.fifo(10), a);
    List<String> exits = new ArrayList<>();
    r.queue().meter((priority, waited, exit) -> exits.add(priority + ":" + waited / 1_000_000 + "ms:" + exit));
    var cancelled = waiter("c", 2, 10);
    AdmissionQueue.Ticket ct = r.queue().offer(cancelled, FAR);
    r.queue().offer(waiter("t", 1, 10), clock.get() + SECOND);
    r.queue().offer(waiter("ok", 0, 10), FAR);
    clock.addAndGet(2 * SECOND);
    cancelled.cancel();
    ct.cancel();
    a.release(0);
    r.drainQueue();
    assertThat(exits).containsExactly("2:2000ms:CANCELLED", "1:2000ms:TIMED_OUT", "0:2000ms:ADMITTED");
  }

  /** A deciding balancer whose TTFT prediction the test sets. */
  static final class Predicting implements DecidingBalancer {
    volatile double predictedNanos;

    @Override
    public RouteDecision decide(List<EndpointState> candidates, RouteRequest request, boolean explain) {
      return RouteDecision.plain(candidates.getFirst(), request);
    }

    @Override public void commit(RouteDecision decision, boolean tracked) {}

    @Override
    public boolean objectivesPredictedMet(List<EndpointState> candidates, RouteRequest request) {
      return predictedNanos <= request.ttftObjectiveNanos();
    }
  }

  @Test
  void drain_holdsAWaiterWhoseObjectiveNoEndpointMeets_andLetsOthersPass() {
    var a = endpoint("a", 2);
    var p = new Predicting();
    p.predictedNanos = 500e6;
    GroupRouter r = router(AdmissionPolicy.fifo(10), p, a);
    var strict = new TestWaiter("strict", new RouteRequest("m", 10, 0, 0L, 1, null, 100_000_000L));
    assertThat(r.objectiveReachable(strict.request(), e -> true)).isFalse();
    r.queue().offer(strict, FAR);
    r.queue().offer(waiter("relaxed", 0, 10), FAR);
    r.drainQueue();
    assertThat(admitted).containsExactly("relaxed");
    p.predictedNanos = 80e6;
    r.drainQueue();
    assertThat(admitted).containsExactly("relaxed", "strict");
  }

  @Test
  void objectiveReachable_isTrueWithoutAnObjective_orWhenNoEndpointHasASlot() {
    var a = endpoint("a", 1);
    var p = new Predicting();
    p.predictedNanos = 500e6;
    GroupRouter r = router(AdmissionPolicy.fifo(10), p, a);
    assertThat(r.objectiveReachable(RouteRequest.of("m", 10, 0), e -> true)).isTrue();
    var strict = new RouteRequest("m", 10, 0, 0L, 0, null, 100_000_000L);
    assertThat(r.objectiveReachable(strict, e -> true)).isFalse();
    r.tryRoute(RouteRequest.of("m", 1, 0));
    assertThat(r.objectiveReachable(strict, e -> true)).isTrue(); // full: a capacity wait, not an objective miss
  }

  @Test
  void policy_holdsClassesFromShedBelow_andShedsTheRest() {
    var p = new AdmissionPolicy(1, AdmissionPolicy.Order.FIFO, 0, 1);
    assertThat(p.holds(1)).isTrue();
    assertThat(p.holds(0)).isFalse();
    assertThat(AdmissionPolicy.fifo(1).holds(0)).isTrue();
    assertThat(AdmissionPolicy.fifo(1).holds(-1)).isFalse();
  }

  @Test
  void objectiveReachable_withThePipeline_comparesItsPredictions() {
    GroupRouter r = router(AdmissionPolicy.fifo(10), Strategies.create("smart", new SplittableRandom(1)),
        endpoint("a", 4), endpoint("b", 4));
    // The untrained model predicts at least its 15 ms bias on an idle endpoint.
    assertThat(r.objectiveReachable(new RouteRequest("m", 100, 10, 0L, 0, null, 1_000_000L), e -> true)).isFalse();
    assertThat(r.objectiveReachable(new RouteRequest("m", 100, 10, 0L, 0, null, 10 * SECOND), e -> true)).isTrue();
    // The untrained TPOT model predicts a positive time per token, so a 1 ns objective is out of reach.
    assertThat(r.objectiveReachable(RouteRequest.of("m", 100, 10).withTpotObjective(1), e -> true)).isFalse();
    assertThat(r.objectiveReachable(RouteRequest.of("m", 100, 10).withTpotObjective(10 * SECOND), e -> true)).isTrue();
  }
}
