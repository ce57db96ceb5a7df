package io.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.RoutingReceipt.Reason;
import io.switchboard.core.Strategies;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FiltersAndReceiptsTest {
  @Test
  void contextFit_dropsEndpointsWhoseWindowIsTooSmall_noneFitGivesNull() {
    var f = new Fixture(2, PipelineSpec.single("token-load"));
    f.signals.of("ep-0").updateProfile(new EndpointProfile(8192, Map.of()));
    f.signals.of("ep-1").updateProfile(new EndpointProfile(32768, Map.of()));
    for (int i = 0; i < 10; i++) assertThat(f.route(RouteRequest.of("m", 10_000, 1000)).endpoint()).isSameAs(f.ep(1));
    assertThat(f.route(RouteRequest.of("m", 40_000, 1000))).isNull();
    assertThat(f.pipeline.count(Reason.NONE_FIT)).isEqualTo(1);
  }

  @Test
  void contextFit_countsTheClientsMaxTokens_notJustTheExpectedAnswer() {
    var f = new Fixture(2, PipelineSpec.single("token-load"));
    f.signals.of("ep-0").updateProfile(new EndpointProfile(8192, Map.of()));
    f.signals.of("ep-1").updateProfile(new EndpointProfile(32768, Map.of()));
    // 6,000 prompt tokens, 200 expected: fits both. Capped at 4,000 by max_tokens: an engine with an 8,192-token
    // window refuses it, so only ep-1 may take it.
    boolean sawEp0 = false;
    for (int i = 0; i < 20 && !sawEp0; i++) {
      RouteDecision d = f.route(RouteRequest.of("m", 6_000, 200));
      sawEp0 = d.endpoint() == f.ep(0);
      d.endpoint().release(d.request().expectedTokens());
    }
    assertThat(sawEp0).isTrue();
    for (int i = 0; i < 10; i++) {
      assertThat(f.route(RouteRequest.of("m", 6_000, 200).withOutputCap(4_000)).endpoint()).isSameAs(f.ep(1));
    }
    assertThat(RouteRequest.of("m", 6_000, 200).withOutputCap(4_000).maxTokensNeeded()).isEqualTo(10_000);
    assertThat(RouteRequest.of("m", 6_000, 200).maxTokensNeeded()).isEqualTo(6_200);
  }

  @Test
  void labels_keepOnlyMatchingEndpoints() {
    var spec = new PipelineSpec("eu", List.of("labels"), List.of(), "max", Map.of("labels", "region=eu"));
    var f = new Fixture(3, spec);
    f.signals.of("ep-1").updateProfile(new EndpointProfile(0, Map.of("region", "eu", "gpu", "h100")));
    f.signals.of("ep-2").updateProfile(new EndpointProfile(0, Map.of("region", "us")));
    for (int i = 0; i < 10; i++) assertThat(f.route(RouteRequest.of("m", 1, 1)).endpoint()).isSameAs(f.ep(1));
  }

  @Test
  void boundedLoad_excludesEndpointsAboveTheCap() {
    var spec = new PipelineSpec("b", List.of("bounded-load"), List.of(), "max", Map.of("load-slack", "0"));
    var f = new Fixture(2, spec);
    for (int i = 0; i < 4; i++) f.ep(0).tryAcquire(1);
    var d = f.route(RouteRequest.of("m", 1, 1));
    assertThat(d.endpoint()).isSameAs(f.ep(1));
    assertThat(d.receipt().filteredOut()).isEqualTo(1);
  }

  @Test
  void receipt_compactForm_namesPolicyPickReasonAndEachScore() {
    var f = new Fixture(3, Policies.SMART_SPEC);
    var d = f.route(RouteRequest.of("m", 100, 10));
    String compact = d.receipt().compact();
    assertThat(compact).startsWith("smart pick=" + d.endpoint().id() + " reason=")
        .contains(" of=3", " ttft=", " load=", " ttft_pred_ms=");
    assertThat(d.receipt().full()).contains("ep-0 total=", "ep-2 total=");
  }

  @Test
  void receipt_notAsked_notBuilt() {
    var f = new Fixture(3, Policies.SMART_SPEC);
    assertThat(f.router.route(RouteRequest.of("m", 100, 10), e -> true, false).receipt()).isNull();
  }

  @Test
  void receipt_plainStrategy_namesThePick() {
    var router = new io.switchboard.core.GroupRouter("g", new Fixture(2, Policies.SMART_SPEC).endpoints,
        Strategies.create("round-robin", new SplittableRandom(1)), new io.switchboard.core.AdmissionQueue(0));
    var d = router.route(RouteRequest.of("m", 1, 1), e -> true, true);
    assertThat(d.receipt().compact()).isEqualTo("round-robin pick=" + d.endpoint().id() + " reason=strategy of=2");
  }

  @Test
  void strategies_createEveryPipelinePolicyByName() {
    for (String name : Strategies.NAMES) assertThat(Strategies.create(name, new SplittableRandom(1))).isNotNull();
    assertThat(Strategies.create("smart", new SplittableRandom(1))).isInstanceOf(Pipeline.class);
  }
}
