package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SniClientsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "api.openai.com, false", "localhost, false", "gpu-box-3, false", "10.0.0.7.nip.io, false", "1.2.3, false",
      "127.0.0.1, true", "10.0.0.7, true", "[::1], true", "::1, true", "[2001:db8::7], true"})
  void ipLiteral_onlyForAddresses_soHostNamesGetSni(String host, boolean literal) {
    assertThat(SniClients.ipLiteral(host)).isEqualTo(literal);
  }
}
