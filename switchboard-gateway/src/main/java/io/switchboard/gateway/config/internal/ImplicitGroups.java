package io.switchboard.gateway.config.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model that endpoints list under {@code models} but that no group routes gets a group of its own: every
 * endpoint that lists it, default strategy and queue. So a config of endpoints alone serves their models, and a
 * user writes a group only to change how a model is routed.
 */
public final class ImplicitGroups {
  private ImplicitGroups() {}

  /** {@code config} with a group added, after the written ones, for each model no written group resolves. */
  public static GatewayConfig add(GatewayConfig config) {
    Map<String, List<String>> served = new LinkedHashMap<>();
    for (EndpointConfig e : config.endpoints()) {
      for (String model : e.models().keySet()) served.computeIfAbsent(model, k -> new ArrayList<>()).add(e.id());
    }
    List<GroupConfig> groups = new ArrayList<>(config.groups());
    served.forEach((model, ids) -> {
      if (config.groups().stream().noneMatch(g -> matches(g, model))) {
        groups.add(new GroupConfig(model, ids, ConfigReader.DEFAULT_STRATEGY, ConfigReader.DEFAULT_QUEUE_SIZE,
            ConfigReader.DEFAULT_QUEUE_TIMEOUT));
      }
    });
    if (groups.size() == config.groups().size()) return config;
    return new GatewayConfig(config.source(), config.server(), config.auth(), config.endpoints(), groups);
  }

  private static boolean matches(GroupConfig g, String model) {
    return g.isGlob() ? Globs.matches(g.model(), model) : g.model().equals(model);
  }
}
