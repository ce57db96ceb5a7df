package io.switchboard.core.pipeline;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.core.RouteDecision;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.prefix.PrefixIndexes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A group of endpoints behind one pipeline, with helpers to route and count. */
final class Fixture {
  final List<EndpointState> endpoints = new ArrayList<>();
  final Signals signals = new Signals(PrefixIndexes.uniform(16, 16 * 1000));
  final Pipeline pipeline;
  final GroupRouter router;

  Fixture(int n, PipelineSpec spec) { this(n, spec, 1); }

  Fixture(int n, PipelineSpec spec, long seed) {
    for (int i = 0; i < n; i++) endpoints.add(new EndpointState("ep-" + i, new EndpointLimits(1, 1000)));
    pipeline = Pipeline.create(spec, signals, new SplittableRandom(seed));
    router = new GroupRouter("g", endpoints, pipeline, new AdmissionQueue(0));
  }

  EndpointState ep(int i) { return endpoints.get(i); }

  RouteDecision route(RouteRequest r) { return router.route(r, e -> true, true); }

  /** Routes {@code count} copies of {@code r} without releasing; returns requests per endpoint id. */
  Map<String, Integer> burst(RouteRequest r, int count) {
    Map<String, Integer> per = new HashMap<>();
    for (int i = 0; i < count; i++) per.merge(route(r).endpoint().id(), 1, Integer::sum);
    return per;
  }
}
