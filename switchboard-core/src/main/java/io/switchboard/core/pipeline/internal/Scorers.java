package io.switchboard.core.pipeline.internal;

import java.util.List;

/** The scorers by name; each also works alone as a policy ({@code PipelineSpec.single}). */
public final class Scorers {
  public static final List<String> NAMES = List.of("token-load", "engine-state", "prefix", "session", "latency",
      "predicted-latency", "least-outstanding");

  private Scorers() {}

  public static Scorer create(String name, Params p) {
    return switch (name) {
      case "token-load" -> new TokenLoadScorer(p.number("decode-weight", 1), p.number("own-weight", 0));
      case "engine-state" -> new EngineStateScorer(p.number("kv-weight", 4));
      case "prefix" -> new PrefixScorer(p.number("prefix-slack", 0.25));
      case "session" -> new SessionScorer(p.number("session-slack", 0.25));
      case "latency" -> new LatencyScorer(p.number("latency-band", 1.2));
      case "predicted-latency" -> new PredictedLatencyScorer(p.number("ttft-unit", 10), p.number("ttft-relative", 0));
      case "least-outstanding" -> new OutstandingScorer();
      default -> throw new IllegalArgumentException("unknown scorer '" + name + "'; use one of " + String.join(", ", NAMES));
    };
  }
}
