package io.switchboard.gateway.config;

import java.util.List;

/**
 * What loading a config gave: a valid {@link GatewayConfig}, or every problem found. Warnings (an inline
 * secret, a gateway exposed without client keys) never make a config invalid.
 */
public sealed interface LoadResult {
  List<ConfigProblem> warnings();

  /** The config, or {@link InvalidConfigException} listing every problem. */
  GatewayConfig orElseThrow();

  /** Empty for a valid config. */
  List<ConfigProblem> problems();

  default boolean isValid() { return this instanceof Valid; }

  record Valid(GatewayConfig config, List<ConfigProblem> warnings) implements LoadResult {
    public Valid {
      warnings = List.copyOf(warnings);
    }

    @Override public GatewayConfig orElseThrow() { return config; }

    @Override public List<ConfigProblem> problems() { return List.of(); }
  }

  record Invalid(List<ConfigProblem> problems, List<ConfigProblem> warnings) implements LoadResult {
    public Invalid {
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }

    @Override public GatewayConfig orElseThrow() { throw new InvalidConfigException(problems); }
  }
}
