package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.core.EndpointState;
import io.switchboard.gateway.config.ReloadResult.Outcome;
import io.switchboard.gateway.routing.RoutingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(20);

  @TempDir Path dir;
  private Path file;
  private ConfigReloader reloader;

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("switchboard.yaml");
    Files.writeString(file, config("m1", 8));
    GatewayConfig initial = ConfigLoader.load(file).orElseThrow();
    reloader = new ConfigReloader(file, initial, new SplittableRandom(1), Map.<String, String>of()::get);
  }

  @AfterEach
  void stop() { reloader.close(); }

  /** One endpoint {@code a} serving {@code model}, with {@code max} concurrent requests. */
  private static String config(String model, int max) {
    return """
        endpoints: [{id: a, url: 'http://127.0.0.1:9000/v1', max_concurrent: %d}]
        groups: [{model: %s, endpoints: [a]}]
        """.formatted(max, model);
  }

  @Test
  void reload_validEdit_swapsTheWholeTable_andNotifiesListenersAfterTheSwap() throws Exception {
    RoutingTable before = reloader.current();
    List<RoutingTable> seenCurrent = new CopyOnWriteArrayList<>();
    reloader.addListener((previous, current) -> {
      assertThat(previous).isSameAs(before);
      seenCurrent.add(reloader.current());
    });
    Files.writeString(file, config("m2", 8));

    ReloadResult r = reloader.reload();

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(reloader.current()).isSameAs(r.table()).isNotSameAs(before);
    assertThat(reloader.current().resolve("m2")).isNotNull();
    assertThat(reloader.current().resolve("m1")).isNull();
    // The old table is untouched: a request that started on it finishes on it.
    assertThat(before.resolve("m1")).isNotNull();
    assertThat(seenCurrent).containsExactly(r.table());
  }

  @Test
  void reload_invalidEdit_isRejected_andTheOldTableKeepsServing() throws Exception {
    RoutingTable before = reloader.current();
    Files.writeString(file, config("m2", 8).replace("endpoints: [a]", "endpoints: [b]"));

    ReloadResult r = reloader.reload();

    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.problems()).singleElement().asString().contains("groups[0].endpoints[0]: unknown endpoint 'b'");
    assertThat(reloader.current()).isSameAs(before);
    assertThat(reloader.lastReload()).isSameAs(r);
  }

  @Test
  void reload_sameConfigRewritten_isUnchanged_andKeepsTheTable() throws Exception {
    RoutingTable before = reloader.current();
    Files.writeString(file, "# a comment changes nothing\n" + config("m1", 8));

    assertThat(reloader.reload().outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(reloader.current()).isSameAs(before);
  }

  @Test
  void reload_keepsEndpointStates_soInFlightRequestsStillCount() throws Exception {
    EndpointState a = reloader.current().resolve("m1").router().members().getFirst();
    assertThat(a.tryAcquire(100)).isTrue();
    Files.writeString(file, config("m1", 1));

    reloader.reload();

    EndpointState after = reloader.current().resolve("m1").router().members().getFirst();
    assertThat(after).isSameAs(a);
    assertThat(after.outstanding()).isEqualTo(1);
    assertThat(after.limits().maxConcurrent()).isEqualTo(1);
    // The request in flight from before the reload fills the new limit of 1.
    assertThat(after.tryAcquire(1)).isFalse();
  }

  @Test
  void fileWatch_editInPlace_reloads() throws Exception {
    reloader.watchFile(DEBOUNCE);
    Files.writeString(file, config("m2", 8));

    await().atMost(Duration.ofSeconds(10)).until(() -> reloader.current().resolve("m2") != null);
  }

  @Test
  void fileWatch_editorReplacesFileByRename_reloads() throws Exception {
    reloader.watchFile(DEBOUNCE);
    Path tmp = dir.resolve(".switchboard.yaml.swp");
    Files.writeString(tmp, config("m3", 8));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    await().atMost(Duration.ofSeconds(10)).until(() -> reloader.current().resolve("m3") != null);
  }

  @Test
  void fileWatch_invalidEdit_isRejected_thenAFixedEditApplies() throws Exception {
    RoutingTable before = reloader.current();
    reloader.watchFile(DEBOUNCE);
    Files.writeString(file, "endpoints: [{id: a, url: 'http://127.0.0.1:9000/v1'}\n");

    await().atMost(Duration.ofSeconds(10)).until(() -> reloader.lastReload() != null);
    assertThat(reloader.lastReload().outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(reloader.current()).isSameAs(before);

    Files.writeString(file, config("m4", 8));
    await().atMost(Duration.ofSeconds(10)).until(() -> reloader.current().resolve("m4") != null);
  }

  @Test
  void sighup_reloads() throws Exception {
    assumeTrue(reloader.reloadOnSighup(), "SIGHUP is not available on this JVM");
    Files.writeString(file, config("m5", 8));

    sun.misc.Signal.raise(new sun.misc.Signal("HUP"));

    await().atMost(Duration.ofSeconds(10)).until(() -> reloader.current().resolve("m5") != null);
  }

  @Test
  void reloadAsync_runsOnTheNamedReloadThread() throws Exception {
    Files.writeString(file, config("m6", 8));
    List<String> threads = new CopyOnWriteArrayList<>();
    reloader.addListener((p, c) -> threads.add(Thread.currentThread().getName()));

    ReloadResult r = reloader.reloadAsync().get();

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(threads).containsExactly("switchboard-config-reload");
  }
}
