package io.switchboard.cli;

import io.switchboard.sim.Engines;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import io.switchboard.sim.server.SimCluster;
import io.switchboard.sim.server.SimServer;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard sim}: N simulated OpenAI-compatible replicas on consecutive ports of 127.0.0.1, until Ctrl-C. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Runs simulated vLLM-like OpenAI-compatible servers on 127.0.0.1, one per port from --port.",
        "Each serves /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models, /health, /metrics",
        "and /admin/faults (GET shows, POST changes faults at run time)."})
final class SimCommand implements Callable<Integer> {

  @Option(names = "--replicas", defaultValue = "1", description = "Number of servers (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--port", defaultValue = "9000", description = "Port of the first server; the others follow (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--gpu", defaultValue = "h100", description = "GPU profile of each engine: h100, a100-80, a100-40 (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--model", defaultValue = SimServerOptions.DEFAULT_MODEL, description = "Model name served (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--default-max-tokens", defaultValue = "64", description = "Output length when a request sets no max_tokens (default: ${DEFAULT-VALUE}).")
  int defaultMaxTokens;

  @Option(names = "--max-context", defaultValue = "131072", description = "Context length; beyond it requests get context_length_exceeded (default: ${DEFAULT-VALUE}).")
  int maxContext;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the fault draws; replica i uses seed + i (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--fault-429-rate", defaultValue = "0", description = "Share of requests answered 429 with Retry-After.")
  double rate429;

  @Option(names = "--fault-429-no-retry-after-rate", defaultValue = "0", description = "Share answered 429 without Retry-After.")
  double rate429NoRetryAfter;

  @Option(names = "--fault-500-rate", defaultValue = "0", description = "Share answered 500.")
  double rate500;

  @Option(names = "--fault-503-rate", defaultValue = "0", description = "Share answered 503.")
  double rate503;

  @Option(names = "--fault-reset-rate", defaultValue = "0", description = "Share whose connection is closed before any header.")
  double rateReset;

  @Option(names = "--fault-no-response-rate", defaultValue = "0", description = "Share never answered (held until the client gives up).")
  double rateNoResponse;

  @Option(names = "--fault-slow-first-token-rate", defaultValue = "0", description = "Share whose first token is delayed by --slow-first-token-ms.")
  double rateSlowFirstToken;

  @Option(names = "--fault-stall-rate", defaultValue = "0", description = "Share that stop sending after --stall-after-tokens (connection kept open).")
  double rateStall;

  @Option(names = "--fault-cut-rate", defaultValue = "0", description = "Share whose connection is closed after --cut-after-tokens, without [DONE].")
  double rateCut;

  @Option(names = "--fault-malformed-rate", defaultValue = "0", description = "Share that get one invalid SSE event after --malformed-after-tokens.")
  double rateMalformed;

  @Option(names = "--retry-after", defaultValue = "1", description = "Retry-After seconds of the 429 fault (default: ${DEFAULT-VALUE}).")
  int retryAfter;

  @Option(names = "--slow-first-token-ms", defaultValue = "1000", description = "Extra first-token delay (default: ${DEFAULT-VALUE}).")
  long slowFirstTokenMs;

  @Option(names = "--stall-after-tokens", defaultValue = "1", description = "Tokens sent before a stall (default: ${DEFAULT-VALUE}).")
  int stallAfterTokens;

  @Option(names = "--cut-after-tokens", defaultValue = "1", description = "Tokens sent before a cut (default: ${DEFAULT-VALUE}).")
  int cutAfterTokens;

  @Option(names = "--malformed-after-tokens", defaultValue = "1", description = "Tokens sent before the malformed event (default: ${DEFAULT-VALUE}).")
  int malformedAfterTokens;

  @Option(names = "--rpm", defaultValue = "0", description = "Requests per minute per server before 429, 0 = unlimited.")
  int rpm;

  @Option(names = "--tpm", defaultValue = "0", description = "Tokens (prompt + max output) per minute per server before 429, 0 = unlimited.")
  int tpm;

  @Override
  public Integer call() throws InterruptedException {
    SimServerOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      System.err.println("sim: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    SimCluster cluster;
    try {
      cluster = SimCluster.start(vertx, replicas, port, options).await();
    } catch (RuntimeException e) {
      vertx.close();
      System.err.println("sim: could not start " + replicas + " server(s) from port " + port + ": " + e.getMessage());
      return 1;
    }
    // Ctrl-C runs the hook: close the servers (and their open streams), then Vert.x, within 5 s.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.close().transform(ar -> vertx.close()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("sim: unclean stop: " + e);
      } finally {
        stopped.countDown();
      }
    }, "sim-shutdown"));
    for (SimServer s : cluster.servers()) {
      System.out.println("sim: " + s.baseUrl() + "/v1  (" + gpu + ", model " + model + ")  metrics " + s.baseUrl() + "/metrics");
    }
    System.out.println("sim: " + cluster.size() + " server(s) running; Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  /** The server options the flags describe; throws naming the bad flag value. */
  SimServerOptions options() {
    if (replicas < 1) throw new IllegalArgumentException("--replicas must be >= 1, was " + replicas);
    if (port < 1 || port + replicas - 1 > 65535) {
      throw new IllegalArgumentException("--port " + port + " with --replicas " + replicas + " needs ports in [1, 65535]");
    }
    return SimServerOptions.defaults()
        .withPort(port).withModel(model).withEngineFactory(Engines.forGpu(gpu))
        .withDefaultMaxTokens(defaultMaxTokens).withMaxContextTokens(maxContext).withSeed(seed).withFaults(faults());
  }

  private Faults faults() {
    Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
    rates.put(FaultKind.HTTP_429, rate429);
    rates.put(FaultKind.HTTP_429_NO_RETRY_AFTER, rate429NoRetryAfter);
    rates.put(FaultKind.HTTP_500, rate500);
    rates.put(FaultKind.HTTP_503, rate503);
    rates.put(FaultKind.RESET_BEFORE_HEADERS, rateReset);
    rates.put(FaultKind.NO_RESPONSE, rateNoResponse);
    rates.put(FaultKind.SLOW_FIRST_TOKEN, rateSlowFirstToken);
    rates.put(FaultKind.STALL, rateStall);
    rates.put(FaultKind.CUT_STREAM, rateCut);
    rates.put(FaultKind.MALFORMED_EVENT, rateMalformed);
    Faults f = Faults.none().withRetryAfterSeconds(retryAfter).withSlowFirstTokenMillis(slowFirstTokenMs)
        .withStallAfterTokens(stallAfterTokens).withCutAfterTokens(cutAfterTokens)
        .withMalformedAfterTokens(malformedAfterTokens).withRateLimits(rpm, tpm);
    for (Map.Entry<FaultKind, Double> e : rates.entrySet()) f = f.withProbability(e.getKey(), e.getValue());
    return f;
  }
}
