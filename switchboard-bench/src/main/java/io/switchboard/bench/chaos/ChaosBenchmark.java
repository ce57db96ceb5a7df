package io.switchboard.bench.chaos;

import io.switchboard.sim.Engines;
import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.Faults;
import io.switchboard.sim.server.SimCounters;
import io.switchboard.sim.server.SimServer;
import io.switchboard.sim.server.SimServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The chaos benchmark: four simulated replicas (in process, loopback) behind the real gateway (in process,
 * configured by {@link ChaosGateway}), open-loop mixed load from {@link LoadGenerator}, and the faults of
 * {@link Timeline} injected on schedule. The simulators, the gateway and the client each get their own
 * Vert.x instance, so killing a replica touches nothing else. The report ({@link ChaosReport}) is printed
 * and written as JSON.
 */
public final class ChaosBenchmark {

  /**
   * What to run.
   *
   * @param duration    how long load is sent (the faults scale with it)
   * @param warmup      load sent before, without faults and not counted (JIT, connection pools)
   * @param rate        requests started per second, whatever the answers do
   * @param streamShare share of requests that stream
   * @param engine      the replicas' engine: {@code fixed} (steady speed, see {@link #engine}) or a calibrated
   *                    GPU profile, whose real-time steps slow down when the machine is short of CPU
   * @param seed        seeds the request mix and the simulators' fault draws
   * @param out         the JSON report
   */
  public record Options(Duration duration, Duration warmup, double rate, double streamShare, String engine, long seed, Path out) {
    public Options {
      if (duration.toMillis() < 5_000) throw new IllegalArgumentException("duration must be at least 5 s, was " + duration);
      if (!(rate > 0 && rate <= 500)) throw new IllegalArgumentException("rate must be in (0, 500], was " + rate);
      if (!(streamShare >= 0 && streamShare <= 1)) throw new IllegalArgumentException("streamShare must be in [0, 1], was " + streamShare);
    }
  }

  static final int REPLICAS = 4;
  static final int MIN_TOKENS = 8;
  static final int MAX_TOKENS = 48;
  /** The client gives up on a request after twice the gateway's deadline: if it gets there, it hung. */
  static final long CLIENT_TIMEOUT_MILLIS = 2 * ChaosGateway.DEADLINE_MILLIS;

  private final Options options;
  private final PrintStream log;
  /** When sim-0 was actually closed and listening again (ms from the start; -1 until then). */
  private volatile long killedAt = -1;
  private volatile long restartedAt = -1;

  public ChaosBenchmark(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  public Map<String, Object> run() throws Exception {
    Timeline timeline = Timeline.of(options.duration());
    Vertx simVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(REPLICAS));
    Vertx gatewayVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chaos-faults"));
    List<SimServer> sims = new ArrayList<>();
    ChaosGateway gw = null;
    try {
      SimServerOptions simOptions = SimServerOptions.defaults().withEngineFactory(engine(options.engine()));
      for (int i = 0; i < REPLICAS; i++) sims.add(SimServer.start(simVertx, simOptions.withSeed(options.seed() + i)).await());
      List<Integer> ports = sims.stream().map(SimServer::port).toList();
      gw = ChaosGateway.start(gatewayVertx, ports);
      log.printf("chaos: %d x %s replicas on ports %s, gateway on %d; %.0f req/s for %d s, %.0f%% streams%n",
          REPLICAS, options.engine(), ports, gw.gateway.port(), options.rate(), options.duration().toSeconds(),
          options.streamShare() * 100);
      log.printf("  kill sim-0 at %.1f s, restart at %.1f s; sim-1 429 storm %.1f-%.1f s; sim-2 stalls/cuts %.1f-%.1f s%n",
          timeline.kill() / 1e3, timeline.restart() / 1e3, timeline.stormFrom() / 1e3, timeline.stormTo() / 1e3,
          timeline.streamFrom() / 1e3, timeline.streamTo() / 1e3);

      if (!options.warmup().isZero()) {
        log.printf("  warming up for %d s (not counted) ...%n", options.warmup().toSeconds());
        new LoadGenerator(clientVertx, gw.gateway.port(), ChaosGateway.MODEL, options.rate(), options.streamShare(),
            MIN_TOKENS, MAX_TOKENS, CLIENT_TIMEOUT_MILLIS, new SplittableRandom(options.seed() - 1))
            .run(System.nanoTime(), options.warmup().toMillis());
      }
      long start = System.nanoTime();
      EndpointWatch watch = new EndpointWatch(clientVertx, gw.gateway.port(), ChaosGateway.ADMIN_TOKEN, start);
      clientVertx.runOnContext(v -> watch.start());
      schedule(faults, timeline, sims, simVertx, ports.getFirst(), simOptions.withSeed(options.seed() + 100), start);
      LoadGenerator load = new LoadGenerator(clientVertx, gw.gateway.port(), ChaosGateway.MODEL, options.rate(),
          options.streamShare(), MIN_TOKENS, MAX_TOKENS, CLIENT_TIMEOUT_MILLIS, new SplittableRandom(options.seed()));
      List<Sample> samples = load.run(start, timeline.end());
      long drained = (System.nanoTime() - start) / 1_000_000;
      watch.stop();
      List<SimCounters> counters = sims.stream().map(SimServer::counters).toList();
      return new ChaosReport(options, timeline, samples, watch, counters, drained, load.maxLagMillis(), killedAt, restartedAt, gw.yaml).write(log);
    } finally {
      faults.shutdownNow();
      if (gw != null) quietly(gw.gateway.close());
      for (SimServer s : sims) quietly(s.close());
      quietly(clientVertx.close());
      quietly(gatewayVertx.close());
      quietly(simVertx.close());
    }
  }

  /** A calibrated replica, or {@code fixed}: 30 ms to the first token, then 15 ms per token, at any load. */
  static java.util.function.Supplier<io.switchboard.sim.Engine> engine(String name) {
    if (name.equals("fixed")) return () -> io.switchboard.sim.FixedSpeedEngine.ofMillis(30, 15);
    return Engines.forGpu(name);
  }

  /** Injects every fault of the timeline on the schedule thread (never on an event loop). */
  private void schedule(ScheduledExecutorService ex, Timeline t, List<SimServer> sims, Vertx simVertx, int port0,
                        SimServerOptions restartOptions, long startNanos) {
    at(ex, startNanos, t.kill(), () -> {
      killedAt = (System.nanoTime() - startNanos) / 1_000_000;
      sims.getFirst().close().await(5, TimeUnit.SECONDS);
      log.printf("  %5.1f s  sim-0 killed%n", since(startNanos));
    });
    at(ex, startNanos, t.restart(), () -> {
      SimServer fresh = SimServer.start(simVertx, restartOptions.withPort(port0)).await(5, TimeUnit.SECONDS);
      synchronized (sims) {
        sims.set(0, fresh);
      }
      restartedAt = (System.nanoTime() - startNanos) / 1_000_000;
      log.printf("  %5.1f s  sim-0 restarted on port %d%n", since(startNanos), port0);
    });
    at(ex, startNanos, t.stormFrom(), () -> {
      sims.get(1).faults().set(Faults.none().withProbability(FaultKind.HTTP_429, 1.0).withRetryAfterSeconds(1));
      log.printf("  %5.1f s  sim-1 429 storm%n", since(startNanos));
    });
    at(ex, startNanos, t.stormTo(), () -> {
      sims.get(1).faults().clear();
      log.printf("  %5.1f s  sim-1 storm over%n", since(startNanos));
    });
    at(ex, startNanos, t.streamFrom(), () -> {
      // Stalls after 4 tokens (content reached the client: an error event) and cuts before the first
      // token (held: fails over unseen); a plain request hit by either gets no response head and fails over.
      sims.get(2).faults().set(Faults.none().withProbability(FaultKind.STALL, 0.1).withStallAfterTokens(4)
          .withProbability(FaultKind.CUT_STREAM, 0.1).withCutAfterTokens(0));
      log.printf("  %5.1f s  sim-2 stalls and cuts%n", since(startNanos));
    });
    at(ex, startNanos, t.streamTo(), () -> {
      sims.get(2).faults().clear();
      log.printf("  %5.1f s  sim-2 healthy%n", since(startNanos));
    });
  }

  private void at(ScheduledExecutorService ex, long startNanos, long millis, Step r) {
    long delay = startNanos + millis * 1_000_000 - System.nanoTime();
    ex.schedule(() -> {
      try {
        r.run();
      } catch (Exception e) {
        log.printf("  fault injection failed: %s%n", e);
      }
    }, Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  /** One scheduled fault action. */
  private interface Step {
    void run() throws Exception;
  }

  /** Waits for a shutdown step; one that fails (a replica already closed) does not stop the others. */
  private static void quietly(io.vertx.core.Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Already closed or slow to close: nothing left to release here.
    }
  }

  private static double since(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }
}
