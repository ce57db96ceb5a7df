package io.switchboard.bench.chaos;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls the gateway's {@code GET /admin/endpoints} every {@value #POLL_MILLIS} ms and keeps, per endpoint,
 * the times its routing state changed: whether the gateway would send it traffic (healthy by the active
 * checks, and breaker closed or letting a probe through). Ejection and readmission times are read off this
 * timeline, so their resolution is the poll interval.
 */
final class EndpointWatch {
  static final long POLL_MILLIS = 25;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** A change of one endpoint's state, at {@code millis} from the start of the run. */
  record Change(long millis, String breaker, boolean healthy, boolean routable) {}

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final int port;
  private final String token;
  private final long startNanos;
  private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();
  private long timer = -1;
  private volatile boolean polling;

  EndpointWatch(Vertx vertx, int port, String token, long startNanos) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    this.startNanos = startNanos;
    this.client = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true)).build();
  }

  void start() { timer = vertx.setPeriodic(POLL_MILLIS, id -> poll()); }

  void stop() {
    vertx.cancelTimer(timer);
    client.close();
  }

  /** Changes seen for {@code id}, in order (a copy). */
  List<Change> changes(String id) {
    List<Change> list = changes.get(id);
    if (list == null) return List.of();
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  private void poll() {
    if (polling) return;
    polling = true;
    long at = (System.nanoTime() - startNanos) / 1_000_000;
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
            .setURI("/admin/endpoints").putHeader("authorization", "Bearer " + token))
        .compose(req -> req.send().compose(r -> r.body()))
        .onComplete(ar -> {
          polling = false;
          if (ar.succeeded()) record(at, JSON.readTree(ar.result().toString()));
        });
  }

  private void record(long at, JsonNode root) {
    for (JsonNode e : root.path("endpoints")) {
      String breaker = e.path("breaker").asString("");
      boolean healthy = e.path("healthy").asBoolean(true);
      boolean routable = healthy && e.path("call_permitted").asBoolean(true);
      List<Change> list = changes.computeIfAbsent(e.path("id").asString(""), k -> new ArrayList<>());
      synchronized (list) {
        Change last = list.isEmpty() ? null : list.getLast();
        if (last == null || !last.breaker.equals(breaker) || last.healthy != healthy || last.routable != routable) {
          list.add(new Change(at, breaker, healthy, routable));
        }
      }
    }
  }

  /**
   * Milliseconds from {@code fromMillis} until {@code id} was first seen not routable, or -1; 0 when it was
   * already out at {@code fromMillis}.
   */
  long ejectedAfter(String id, long fromMillis) {
    Change before = null;
    for (Change c : changes(id)) {
      if (c.millis < fromMillis) {
        before = c;
      } else {
        if (before != null && !before.routable) return 0;
        if (!c.routable) return c.millis - fromMillis;
        before = c;
      }
    }
    return -1;
  }

  /** Milliseconds from {@code fromMillis} until {@code id} was first seen healthy with its breaker closed, or -1. */
  long readmittedAfter(String id, long fromMillis) {
    for (Change c : changes(id)) {
      if (c.millis >= fromMillis && c.healthy && c.breaker.equals("closed")) return c.millis - fromMillis;
    }
    return -1;
  }
}
