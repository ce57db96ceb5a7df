package io.switchboard.gateway.config;

import java.util.List;

/** Client authentication: when {@code keys} is empty, every client is accepted. */
public record AuthConfig(List<ApiKey> keys) {
  public static final AuthConfig OPEN = new AuthConfig(List.of());

  public AuthConfig {
    keys = List.copyOf(keys);
  }

  /** One accepted bearer token; {@code name} is what the access log shows, never the key. */
  public record ApiKey(String name, Secret key) {}
}
