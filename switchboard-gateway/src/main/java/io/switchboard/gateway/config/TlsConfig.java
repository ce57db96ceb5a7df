package io.switchboard.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How an {@code https://} endpoint's certificate is verified: by the CAs in {@code caFile} <em>instead of</em> the
 * JDK's default trust store (so an endpoint behind a private CA trusts exactly that CA; put public roots in the
 * bundle too if it needs both). Host names are always verified and there is no way to skip verification.
 *
 * <p>The file is read when the config is loaded (blocking; the loader runs off the event loop), so a reload
 * picks up a changed file and the event loop never touches the disk. {@link ConfigValidator} reports a file
 * that was missing, unreadable or not PEM.
 *
 * @param caFile the PEM bundle as resolved (a relative path is taken from the config file's directory)
 * @param caPem  its text as read at load time; null when it could not be read
 */
public record TlsConfig(Path caFile, String caPem) {
  /** Reads {@code caFile} now; a file that cannot be read yields a null {@code caPem} for the validator to report. */
  public static TlsConfig read(Path caFile) {
    try {
      // Decoded byte for byte: PEM is ASCII, and a binary (DER) file must reach the validator as "not PEM".
      return new TlsConfig(caFile, new String(Files.readAllBytes(caFile), StandardCharsets.ISO_8859_1));
    } catch (IOException | RuntimeException e) {
      return new TlsConfig(caFile, null);
    }
  }

  @Override
  public String toString() { return "TlsConfig[caFile=" + caFile + "]"; }
}
