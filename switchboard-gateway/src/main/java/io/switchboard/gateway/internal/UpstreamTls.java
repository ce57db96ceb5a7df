package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.TlsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS client side of an {@code https://} endpoint, shared by requests, health checks and engine scrapes:
 * host names verified ({@code HTTPS} endpoint identification), trust from the endpoint's {@code tls.ca_file}
 * (instead of the JDK's default trust store) or else the JDK's default. No option skips verification.
 *
 * <p>SNI: connections to host names are opened by a client with {@code forceSni} ({@link SniClients}), so Vert.x
 * puts the URL's host into the handshake explicitly. Without it only the JDK decides, and the JDK sends SNI only
 * for a host name with a dot ({@code api.openai.com}), never for a single-label one ({@code localhost}, an
 * intranet {@code gpu-box-3}). IP literals get none.
 *
 * <p>Vert.x caches the SSL context per equal options (the CA text is part of them), so equal options built
 * again after a reload reuse the context, and a changed CA file gets a new one.
 */
final class UpstreamTls {
  private UpstreamTls() {}

  /** The client options for {@code ec}, or null for a plain http endpoint. */
  static ClientSSLOptions options(EndpointConfig ec) {
    if (!isHttps(ec)) return null;
    ClientSSLOptions o = new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS");
    TlsConfig tls = ec.tls();
    if (tls != null && tls.caPem() != null) o.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.caPem())));
    return o;
  }

  /**
   * Why a connect failed, for the client's 502: a failed TLS handshake (Vert.x reports only "Failed to create SSL
   * connection") is named with its innermost TLS cause (an untrusted CA, a host name the certificate lacks).
   */
  static String connectFailure(Throwable cause) {
    String tls = null;
    for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
        tls = t.getMessage();
      }
    }
    if (tls == null) return String.valueOf(cause.getMessage());
    return "TLS handshake failed: " + tls + " (a private CA is trusted with the endpoint's tls.ca_file)";
  }

  static boolean isHttps(EndpointConfig ec) { return "https".equalsIgnoreCase(ec.baseUrl().getScheme()); }

  /** The URL's port, or its scheme's default. */
  static int port(URI base) { return base.getPort() > 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80; }

  /** Options per endpoint id, rebuilt when the endpoint's config is replaced: for the periodic checkers. */
  static final class Cache {
    private record Entry(EndpointConfig config, ClientSSLOptions options) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    ClientSSLOptions options(EndpointConfig ec) {
      Entry e = byId.get(ec.id());
      if (e == null || e.config != ec) {
        e = new Entry(ec, UpstreamTls.options(ec));
        byId.put(ec.id(), e);
      }
      return e.options;
    }
  }
}
