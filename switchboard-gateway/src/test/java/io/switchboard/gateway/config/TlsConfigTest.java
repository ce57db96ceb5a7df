package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tls: {ca_file: ...}} on an endpoint: read from the config's directory, and each way it can be wrong. */
class TlsConfigTest {
  private static final Path TEST_CA = Path.of("src/test/resources/tls/test-ca.pem").toAbsolutePath();

  @TempDir Path dir;

  private LoadResult load(String url, String tls) throws Exception {
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(file, "endpoints:\n  - id: e\n    url: '" + url + "'\n    models: [m]\n    tls: " + tls + "\n");
    return ConfigLoader.load(file);
  }

  private static String onlyProblem(LoadResult r) {
    assertThat(r.problems()).hasSize(1);
    return r.problems().getFirst().toString();
  }

  @Test
  void caFile_relativePath_isReadFromTheConfigDirectory() throws Exception {
    Files.copy(TEST_CA, dir.resolve("internal-ca.pem"));

    LoadResult r = load("https://vllm.internal:8443/v1", "{ca_file: internal-ca.pem}");

    TlsConfig tls = r.orElseThrow().endpoints().getFirst().tls();
    assertThat(tls.caFile()).isEqualTo(dir.resolve("internal-ca.pem"));
    assertThat(tls.caPem()).isEqualTo(Files.readString(TEST_CA));
  }

  @Test
  void caFile_changedOnDisk_isReadAgainOnTheNextLoad() throws Exception {
    Path ca = dir.resolve("ca.pem");
    Files.copy(TEST_CA, ca);
    TlsConfig first = load("https://h/v1", "{ca_file: ca.pem}").orElseThrow().endpoints().getFirst().tls();
    Files.copy(Path.of("src/test/resources/tls/other-ca.pem"), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    TlsConfig second = load("https://h/v1", "{ca_file: ca.pem}").orElseThrow().endpoints().getFirst().tls();

    // A different record: the reloaded endpoint gets new TLS options and new connections.
    assertThat(second).isNotEqualTo(first);
    assertThat(second.caPem()).contains("BEGIN CERTIFICATE").isNotEqualTo(first.caPem());
  }

  @Test
  void caFile_missing_namesTheResolvedFileAndTheFix() throws Exception {
    assertThat(onlyProblem(load("https://h/v1", "{ca_file: nope.pem}"))).contains("switchboard.yaml:5:")
        .contains("endpoints[0].tls.ca_file: CA file " + dir.resolve("nope.pem") + " does not exist")
        .contains("a relative path is read from the config file's directory");
  }

  @Test
  void caFile_unreadable_isReported() throws Exception {
    // A directory: unreadable as a file even for root, who can read any file whatever its permissions.
    Files.createDirectory(dir.resolve("certs"));

    assertThat(onlyProblem(load("https://h/v1", "{ca_file: certs}")))
        .contains("endpoints[0].tls.ca_file: cannot read CA file " + dir.resolve("certs"));
  }

  @Test
  void caFile_notPem_isReportedWithTheConversion() throws Exception {
    Files.write(dir.resolve("ca.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x0a, 0x02, 0x01});

    assertThat(onlyProblem(load("https://h/v1", "{ca_file: ca.der}")))
        .contains("endpoints[0].tls.ca_file: CA file " + dir.resolve("ca.der") + " holds no PEM certificate")
        .contains("openssl x509 -inform der");
  }

  @Test
  void caFile_brokenPemBlock_isReported() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

    assertThat(onlyProblem(load("https://h/v1", "{ca_file: ca.pem}")))
        .contains("endpoints[0].tls.ca_file: CA file " + dir.resolve("ca.pem") + " is not a valid PEM certificate bundle");
  }

  @Test
  void tls_onPlainHttpUrl_isAnError() throws Exception {
    Files.copy(TEST_CA, dir.resolve("ca.pem"));

    assertThat(onlyProblem(load("http://h:9000/v1", "{ca_file: ca.pem}")))
        .contains("endpoints[0].tls: tls is set but the URL 'http://h:9000/v1' is plain http")
        .contains("write the URL with https://, or remove tls");
  }

  @Test
  void tls_withoutCaFile_isMissingItsKey() throws Exception {
    assertThat(onlyProblem(load("https://h/v1", "{}"))).contains("endpoints[0].tls.ca_file: missing required key 'ca_file'");
  }

  @Test
  void tls_unknownKey_isRejected() throws Exception {
    // There is no way to skip verification: an "insecure" switch is an unknown key, not a silent no-op.
    assertThat(load("https://h/v1", "{insecure: true}").problems()).map(ConfigProblem::toString)
        .anySatisfy(p -> assertThat(p).contains("endpoints[0].tls.insecure: unknown key 'insecure'"));
  }
}
