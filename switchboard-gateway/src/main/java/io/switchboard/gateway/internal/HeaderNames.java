package io.switchboard.gateway.internal;

import io.vertx.core.http.HttpHeaders;

/**
 * Header names the request path reads or writes on every request, made once as Netty {@code AsciiString}s:
 * their hash is cached and they skip per-use validation, where a {@code String} name is hashed and checked
 * on every lookup.
 */
final class HeaderNames {
  static final CharSequence AUTHORIZATION = HttpHeaders.createOptimized("authorization");
  static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("content-type");
  static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("content-length");
  static final CharSequence ACCEPT = HttpHeaders.createOptimized("accept");
  static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
  static final CharSequence ENDPOINT = HttpHeaders.createOptimized("x-switchboard-endpoint");
  static final CharSequence ROUTE = HttpHeaders.createOptimized("x-switchboard-route");
  static final CharSequence ATTEMPTS = HttpHeaders.createOptimized("x-switchboard-attempts");
  static final CharSequence FALLBACK = HttpHeaders.createOptimized("x-switchboard-fallback");
  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");

  private HeaderNames() {}
}
