package io.switchboard.cli;

import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.config.ConfigReloader;
import io.switchboard.gateway.config.InvalidConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard serve --config FILE}: the gateway on a user's config, reloaded when the file changes or
 * on SIGHUP, until Ctrl-C or SIGTERM.
 */
@Command(name = "serve", description = {
    "Run the gateway on a YAML config. The config reloads when the file changes and on SIGHUP:",
    "a valid new file is swapped in whole; an invalid one is logged and the old config keeps serving."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, required = true, description = "The YAML config file.")
  Path config;

  @Option(names = "--instances", defaultValue = "0",
      description = "Event loops serving requests (default: one per core).")
  int instances;

  @Override
  public Integer call() throws Exception {
    ConfigReloader reloader;
    try {
      reloader = ConfigReloader.start(config, new SplittableRandom());
    } catch (InvalidConfigException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    var server = reloader.current().config().server();
    GatewayOptions options = GatewayOptions.from(server);
    if (instances > 0) options = options.withInstances(instances);
    // Netty's epoll transport when its native library is on the class path (fewer system calls per
    // request than NIO's selector); NIO otherwise.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
        // Nothing here reads the thread context class loader: skip setting it around every task.
        .setDisableTCCL(true));
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, options, reloader.table(), Gateway.newMeterRegistry())
          .await();
    } catch (Exception e) {
      System.err.println("switchboard serve: could not listen on " + server.host() + ":" + server.port() + ": "
          + e.getMessage());
      reloader.close();
      vertx.close().await();
      return 1;
    }
    Gateway gw = gateway;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        reloader.close();
        gw.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("switchboard serve: unclean stop: " + e);
      }
    }, "switchboard-serve-stop"));
    System.out.println("switchboard: serving " + config + " on http://" + server.host() + ":" + gw.port()
        + (vertx.isNativeTransportEnabled() ? " (epoll)" : ""));
    new CountDownLatch(1).await();
    return 0;
  }
}
