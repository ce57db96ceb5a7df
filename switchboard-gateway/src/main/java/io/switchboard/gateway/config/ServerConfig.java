package io.switchboard.gateway.config;

/**
 * Where the gateway listens and what it accepts.
 *
 * @param host          listening address; 127.0.0.1 unless a user chooses to expose the gateway
 * @param port          listening port
 * @param maxBodyBytes  largest request body accepted (413 above it); default 4 MiB
 * @param adminToken    bearer token for /admin endpoints (a secret; null disables them)
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Secret adminToken) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
}
