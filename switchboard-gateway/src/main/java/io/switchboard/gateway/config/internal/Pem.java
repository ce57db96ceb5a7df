package io.switchboard.gateway.config.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** Whether a CA bundle is what the TLS client accepts: PEM text with at least one X.509 certificate. */
public final class Pem {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

  private Pem() {}

  /** Null when {@code text} holds parseable PEM certificates; else what is wrong, to follow "CA file X ". */
  public static String certificateProblem(String text) {
    // CertificateFactory also takes binary DER, which the client's PEM reader does not: require the PEM header.
    if (!text.contains(BEGIN)) return "holds no PEM certificate (no " + BEGIN + " line)";
    try {
      var certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
      return certs.isEmpty() ? "holds no PEM certificate" : null;
    } catch (CertificateException e) {
      return "is not a valid PEM certificate bundle (" + e.getMessage() + ")";
    }
  }
}
