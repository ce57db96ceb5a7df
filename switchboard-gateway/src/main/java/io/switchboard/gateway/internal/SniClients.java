package io.switchboard.gateway.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;

/**
 * Two HTTP clients with the same options but for SNI: forced for host names, so an {@code https} upstream gets
 * its name in the handshake even without a dot in it (see {@link UpstreamTls}), and left to the JDK for IP
 * literals, which are not SNI names (RFC 6066, section 3; the JDK refuses an IPv6 one outright). Vert.x sets
 * {@code forceSni} per client, not per connection. A client opens nothing until it is used.
 */
final class SniClients {
  private final HttpClientAgent named;
  private final HttpClientAgent literal;

  SniClients(Vertx vertx, HttpClientOptions options) {
    this.named = vertx.createHttpClient(new HttpClientOptions(options).setForceSni(true));
    this.literal = vertx.createHttpClient(new HttpClientOptions(options).setForceSni(false));
  }

  /** The client for connections to {@code host}, as a URL gives it ({@code [::1]} for IPv6). */
  HttpClientAgent forHost(String host) { return ipLiteral(host) ? literal : named; }

  static boolean ipLiteral(String host) {
    if (host.indexOf(':') >= 0 || host.startsWith("[")) return true;
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') dots++;
      else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
  }

  Future<Void> close() { return Future.join(named.close(), literal.close()).mapEmpty(); }
}
