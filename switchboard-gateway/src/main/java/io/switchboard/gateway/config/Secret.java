package io.switchboard.gateway.config;

/**
 * A secret value and where it came from ({@code "env FOO"}, {@code "file /run/key"}, {@code "inline"}).
 * {@link #toString()} never shows the value, so a secret cannot leak into a log by accident.
 */
public record Secret(String value, String origin) {
  @Override
  public String toString() { return "Secret(" + origin + ")"; }
}
