package io.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command. Each subcommand is its own class; this list is the only place they are named. */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
    description = "An LLM load balancer and gateway that routes each request by what it costs.",
    subcommands = {
        CommandLine.HelpCommand.class,
        DemoCommand.class,
        ServeCommand.class,
        ValidateCommand.class,
        SimCommand.class,
        BenchCommand.class,
        ReplayCommand.class,
    })
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
