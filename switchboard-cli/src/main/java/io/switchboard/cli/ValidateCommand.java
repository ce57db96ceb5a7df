package io.switchboard.cli;

import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.ConfigProblem;
import io.switchboard.gateway.config.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard validate FILE}: checks a config the way {@code serve} and a reload would. Prints every
 * problem, one per line ({@code file:line:column: path: what is wrong; fix}), and exits 1; or prints {@code ok}
 * and exits 0. Warnings go to standard error and do not fail the check. Secrets are resolved, so run it in the
 * environment the gateway will run in.
 */
@Command(name = "validate", description = "Check a config file: print every problem and exit 1, or print ok.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the YAML config, e.g. examples/switchboard.yaml")
  Path file;

  @Override
  public Integer call() {
    LoadResult result = ConfigLoader.load(file);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (ConfigProblem w : result.warnings()) err.println("warning: " + w);
    err.flush();
    for (ConfigProblem p : result.problems()) out.println(p);
    if (result.isValid()) out.println("ok");
    out.flush();
    return result.isValid() ? 0 : 1;
  }
}
