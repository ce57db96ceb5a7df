package io.switchboard.gateway.config;

import io.switchboard.gateway.config.ReloadResult.Outcome;
import io.switchboard.gateway.config.internal.FileWatcher;
import io.switchboard.gateway.config.internal.Sighup;
import io.switchboard.gateway.routing.RoutingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the routing table the data plane reads and replaces it whole when the config file changes, on SIGHUP, or
 * when asked ({@link #reload()}, the admin API). A reload reads, parses, validates and builds a new table, then
 * swaps it in with one atomic write: a request holds the table it started with to the end, and a config that
 * fails validation is logged, one line per problem, while the old one keeps serving.
 *
 * <pre>{@code
 * var reloader = ConfigReloader.start(Path.of("switchboard.yaml"), new SplittableRandom());
 * gateway.start(reloader.table());          // the data plane reads reloader.table().get() per request
 * }</pre>
 *
 * <p>Endpoint states live in one {@link RoutingTable.Registry} for the reloader's life, so requests in flight
 * keep counting against their endpoint across a reload. Listen address and port are read once at start; a
 * reload that changes them logs that a restart is needed.
 *
 * <p>Threads: reloads run one at a time on a single daemon thread, {@code switchboard-config-reload}, whose
 * queue holds at most one pending reload (a burst of requests coalesces into it); file events arrive on
 * {@code switchboard-config-watch}. Neither is an event loop, so the blocking file reads are fine there.
 */
public final class ConfigReloader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);
  private static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);

  private final Path file;
  private final Function<String, String> env;
  private final RandomGenerator.SplittableGenerator random;
  private final RoutingTable.Registry registry = new RoutingTable.Registry();
  private final AtomicReference<RoutingTable> table = new AtomicReference<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Object reloadLock = new Object();
  private volatile ReloadResult lastReload;
  private final ThreadPoolExecutor executor;
  private CompletableFuture<ReloadResult> pending; // guarded by this: a queued reload not yet started
  private FileWatcher watcher;
  private Sighup sighup;

  /** Called after a reload swapped in a new table (not for unchanged or rejected ones). */
  @FunctionalInterface
  public interface Listener {
    void onReload(RoutingTable previous, RoutingTable current);
  }

  /**
   * A reloader serving {@code initial} (already validated, normally loaded from {@code file}), that will re-read
   * {@code file} on reload, resolving {@code {env: ...}} secrets through {@code env}. Watches nothing until
   * {@link #watchFile} / {@link #reloadOnSighup}.
   *
   * @param random splits one generator per model group, for strategies' tie-breaks and sampling
   */
  public ConfigReloader(Path file, GatewayConfig initial, RandomGenerator.SplittableGenerator random,
                        Function<String, String> env) {
    this.file = Objects.requireNonNull(file, "file");
    this.env = Objects.requireNonNull(env, "env");
    this.random = Objects.requireNonNull(random, "random");
    this.table.set(RoutingTable.build(initial, registry, random));
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
        r -> Thread.ofPlatform().name("switchboard-config-reload").daemon().unstarted(r));
  }

  /**
   * Loads {@code file} and serves it, reloading on file change and SIGHUP: what {@code switchboard serve} needs.
   *
   * @throws InvalidConfigException listing every problem, when the file is not a valid config
   */
  public static ConfigReloader start(Path file, RandomGenerator.SplittableGenerator random) {
    LoadResult initial = ConfigLoader.load(file);
    initial.warnings().forEach(w -> log.warn("config: {}", w));
    var reloader = new ConfigReloader(file, initial.orElseThrow(), random, System::getenv);
    reloader.watchFile(DEFAULT_DEBOUNCE);
    reloader.reloadOnSighup();
    return reloader;
  }

  /** The table serving now. Read it once per request and keep it for that request. */
  public RoutingTable current() { return table.get(); }

  /** {@link #current()} as a supplier, for the data plane. */
  public Supplier<RoutingTable> table() { return this::current; }

  /** Endpoint states, kept across reloads (metrics read in-flight counts here). */
  public RoutingTable.Registry registry() { return registry; }

  /** The outcome of the latest reload, or null before the first: for the admin API and tests. */
  public ReloadResult lastReload() { return lastReload; }

  public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener)); }

  /** Reloads when the file changes, after writes have been quiet for {@code debounce}. */
  public synchronized ConfigReloader watchFile(Duration debounce) {
    if (watcher == null) {
      try {
        watcher = new FileWatcher(file, debounce, this::reloadAsync);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot watch " + file + " for changes", e);
      }
    }
    return this;
  }

  /** Reloads on SIGHUP where the JVM allows it; false (and a warning logged) where it does not. */
  public synchronized boolean reloadOnSighup() {
    if (sighup == null) sighup = Sighup.install(this::reloadAsync);
    return sighup != null;
  }

  /**
   * Reloads on the reload thread. A call while a reload is already queued joins it: that one has not read the
   * file yet, so it will see the same change. Never blocks; safe from an event loop.
   */
  public synchronized CompletableFuture<ReloadResult> reloadAsync() {
    if (pending != null) return pending;
    CompletableFuture<ReloadResult> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        synchronized (this) {
          pending = null;
        }
        try {
          f.complete(reload());
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("config reloader is closed", e));
      return f;
    }
    pending = f;
    return f;
  }

  /** Reloads now, on the calling thread (blocking: file and secret reads). One reload runs at a time. */
  public ReloadResult reload() {
    synchronized (reloadLock) {
      ReloadResult result = reloadOnce();
      lastReload = result;
      return result;
    }
  }

  private ReloadResult reloadOnce() {
    RoutingTable old = table.get();
    LoadResult loaded = ConfigLoader.load(file, env);
    if (!loaded.isValid()) return rejected(old, loaded.problems());
    GatewayConfig config = loaded.orElseThrow();
    if (config.equals(old.config())) {
      log.debug("config {} reloaded: no change", file);
      return new ReloadResult(Outcome.UNCHANGED, old, List.of());
    }
    RoutingTable next;
    try {
      next = RoutingTable.build(config, registry, random);
    } catch (RuntimeException e) {
      return rejected(old, List.of(new ConfigProblem(file, "", 0, 0, "cannot build the routing table: " + e, "report this as a bug")));
    }
    // Reloads are serialised by reloadLock, so a plain set is the one atomic swap; nothing else writes it.
    table.set(next);
    loaded.warnings().forEach(w -> log.warn("config: {}", w));
    log.info("config {} reloaded: {} endpoints, {} groups", file, config.endpoints().size(), config.groups().size());
    warnIfRestartNeeded(old.config().server(), config.server());
    for (Listener l : listeners) {
      try {
        l.onReload(old, next);
      } catch (RuntimeException e) {
        log.error("config reload listener {} failed", l, e);
      }
    }
    return new ReloadResult(Outcome.APPLIED, next, List.of());
  }

  private ReloadResult rejected(RoutingTable old, List<ConfigProblem> problems) {
    log.error("config {} rejected ({} problem{}); still serving the previous config", file, problems.size(),
        problems.size() == 1 ? "" : "s");
    for (ConfigProblem p : problems) log.error("config: {}", p);
    return new ReloadResult(Outcome.REJECTED, old, problems);
  }

  private void warnIfRestartNeeded(ServerConfig was, ServerConfig now) {
    if (!was.host().equals(now.host()) || was.port() != now.port()) {
      log.warn("config: server listen address changed from {}:{} to {}:{}; restart switchboard to apply it "
          + "(still listening on {}:{})", was.host(), was.port(), now.host(), now.port(), was.host(), was.port());
    }
  }

  /** Stops watching and reloading; the current table stays readable. */
  @Override
  public synchronized void close() {
    if (watcher != null) watcher.close();
    if (sighup != null) sighup.close();
    watcher = null;
    sighup = null;
    executor.shutdownNow();
  }
}
