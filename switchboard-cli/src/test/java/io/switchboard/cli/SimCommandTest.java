package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.FaultRule;
import io.switchboard.sim.server.Faults;
import io.switchboard.sim.server.SimServerOptions;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class SimCommandTest {

  private static SimCommand parse(String... args) {
    SimCommand cmd = new SimCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  @Test
  void options_faultFlags_becomeFaultProbabilitiesAndLimits() {
    SimServerOptions o = parse("--port", "9100", "--gpu", "A100-40", "--fault-500-rate", "0.25", "--fault-stall-rate", "0.1",
        "--stall-after-tokens", "7", "--retry-after", "4", "--rpm", "60", "--tpm", "9000").options();

    Faults f = o.faults();
    assertThat(o.port()).isEqualTo(9100);
    assertThat(f.rule(FaultKind.HTTP_500)).isEqualTo(FaultRule.probability(0.25));
    assertThat(f.rule(FaultKind.STALL)).isEqualTo(FaultRule.probability(0.1));
    assertThat(f.rule(FaultKind.HTTP_503).off()).isTrue();
    assertThat(f.stallAfterTokens()).isEqualTo(7);
    assertThat(f.retryAfterSeconds()).isEqualTo(4);
    assertThat(f.rpm()).isEqualTo(60);
    assertThat(f.tpm()).isEqualTo(9000);
  }

  @Test
  void options_defaults_serveH100WithoutFaults() {
    SimServerOptions o = parse().options();

    assertThat(o.port()).isEqualTo(9000);
    assertThat(o.faults()).isEqualTo(Faults.none());
    assertThat(o.engineFactory().get()).isNotNull();
  }

  @Test
  void options_unknownGpuOrBadRate_failNamingTheValue() {
    assertThatThrownBy(() -> parse("--gpu", "tpu").options()).hasMessageContaining("tpu").hasMessageContaining("h100");
    assertThatThrownBy(() -> parse("--fault-500-rate", "2").options()).hasMessageContaining("probability").hasMessageContaining("2.0");
    assertThatThrownBy(() -> parse("--port", "65535", "--replicas", "2").options()).hasMessageContaining("--port");
  }
}
