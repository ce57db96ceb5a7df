package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void validate_exampleConfig_printsOk_andExitsZero() {
    int code = run("validate", "../examples/switchboard.yaml");

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("ok" + System.lineSeparator());
  }

  @Test
  void validate_invalidConfig_printsEveryProblemOnePerLine_andExitsOne() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        server: {port: 0x}
        endpoints: [{id: a, url: 'http://127.0.0.1:1/v1'}]
        groups: [{model: m, endpoints: [a, vllm-3]}]
        """);

    int code = run("validate", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines()).containsExactly(
        file + ":1:16: server.port: expected a whole number, got '0x'; write e.g. 8080",
        file + ":3:36: groups[0].endpoints[1]: unknown endpoint 'vllm-3'; define it under endpoints or remove it (known: a)");
  }

  @Test
  void validate_warnings_goToStandardError_andStillPass() throws Exception {
    Path file = dir.resolve("warn.yaml");
    Files.writeString(file, """
        endpoints: [{id: a, url: 'http://127.0.0.1:1/v1', api_key: sk-inline}]
        groups: [{model: m, endpoints: [a]}]
        """);

    assertThat(run("validate", file.toString())).isZero();
    assertThat(err.toString()).startsWith("warning: " + file + ":1:");
    assertThat(err.toString()).doesNotContain("sk-inline");
  }

  @Test
  void validate_missingFile_isAProblem() {
    assertThat(run("validate", dir.resolve("nope.yaml").toString())).isEqualTo(1);
    assertThat(out.toString()).contains("nope.yaml: file not found");
  }
}
