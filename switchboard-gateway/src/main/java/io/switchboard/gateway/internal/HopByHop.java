package io.switchboard.gateway.internal;

/**
 * Headers a proxy must not copy from one connection to the other (RFC 9110 section 7.6.1), plus the
 * ones the relay sets itself ({@code content-length}, the gateway's own {@code x-} headers).
 */
final class HopByHop {
  private HopByHop() {}

  static boolean is(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te",
           "trailer", "transfer-encoding", "upgrade", "content-length", "x-request-id",
           "x-switchboard-endpoint", "x-switchboard-attempts", "x-switchboard-fallback", "x-switchboard-route" -> true;
      default -> false;
    };
  }
}
