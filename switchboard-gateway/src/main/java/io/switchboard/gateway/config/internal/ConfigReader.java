package io.switchboard.gateway.config.internal;

import io.switchboard.core.Strategies;
import io.switchboard.core.pipeline.PipelineSpec;
import io.switchboard.gateway.config.AdmissionConfig;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.EngineMetricsConfig;
import io.switchboard.gateway.config.FailureToleranceConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import io.switchboard.gateway.config.HealthCheckConfig;
import io.switchboard.gateway.config.HedgeConfig;
import io.switchboard.gateway.config.RetryConfig;
import io.switchboard.gateway.config.ServerConfig;
import io.switchboard.gateway.config.StreamConfig;
import io.switchboard.gateway.config.Timeouts;
import io.switchboard.gateway.config.TlsConfig;
import io.switchboard.gateway.config.UsageLimitsConfig;
import io.switchboard.gateway.config.internal.Node.ListNode;
import io.switchboard.gateway.config.internal.Node.MapNode;
import io.switchboard.gateway.config.internal.Node.Scalar;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the located tree to config records by hand, so that every problem knows its path and line. Checks shape
 * only: known keys, types, required fields, values that must parse (durations, sizes, URLs, secrets). What the
 * values mean together (unique ids, known endpoints, ranges) is {@link io.switchboard.gateway.config.ConfigValidator}'s
 * job. An unusable entry still yields a record (with nulls), so list indices in later messages match the file.
 */
public final class ConfigReader {
  /** Defaults that the records do not carry themselves. */
  public static final String DEFAULT_KIND = "openai";
  public static final int DEFAULT_WEIGHT = 1;
  public static final int DEFAULT_MAX_CONCURRENT = Integer.MAX_VALUE;
  public static final String DEFAULT_STRATEGY = Strategies.LEAST_OUTSTANDING;
  public static final int DEFAULT_QUEUE_SIZE = 128;
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> ROOT = Set.of("server", "auth", "endpoints", "groups");
  private static final Set<String> SERVER = Set.of("host", "port", "max_body_bytes", "admin_token");
  private static final Set<String> AUTH = Set.of("keys");
  private static final Set<String> KEY = Set.of("name", "key");
  private static final Set<String> ENDPOINT = Set.of("id", "url", "kind", "api_key", "models", "weight",
      "max_concurrent", "timeouts", "failure_tolerance", "limits", "health_check", "slow_start", "metrics",
      "context_window", "labels", "tls");
  private static final Set<String> TLS = Set.of("ca_file");
  private static final Set<String> ENGINE_METRICS = Set.of("path", "interval", "timeout");
  private static final Set<String> TOLERANCE =
      Set.of("allowed_failures_per_minute", "cooldown", "failure_status_codes", "half_open_probes");
  private static final Set<String> LIMITS = Set.of("rpm", "tpm");
  private static final Set<String> HEALTH =
      Set.of("path", "interval", "timeout", "healthy_threshold", "unhealthy_threshold");
  private static final Set<String> RETRY = Set.of("attempts", "backoff_base", "backoff_cap", "deadline", "budget_ratio",
      "content_policy");
  private static final Set<String> STREAM =
      Set.of("hold_first_token_bytes", "hold_first_token_timeout", "continue_on_failure");
  private static final Set<String> HEDGE = Set.of("delay", "max_share");
  private static final Set<String> TIMEOUTS = Set.of("connect", "first_byte", "idle", "total");
  private static final Set<String> GROUP = Set.of("model", "endpoints", "strategy", "queue", "retry", "fallbacks",
      "context_fallback", "stream", "hedge", "pipeline", "tokenizer");
  private static final Set<String> PIPELINE = Set.of("name", "filters", "scorers", "picker", "params");
  private static final Set<String> SCORER = Set.of("name", "weight");
  private static final Set<String> QUEUE = Set.of("size", "timeout", "order", "aging", "shed_below_priority");

  private final Path file;
  private final Problems problems;
  private final Secrets secrets;

  public ConfigReader(Path file, Problems problems, Secrets secrets) {
    this.file = file;
    this.problems = problems;
    this.secrets = secrets;
  }

  public GatewayConfig read(Node root) {
    Fields f = Fields.of(root, "", problems, ROOT, "a mapping with server, auth, endpoints and groups");
    ServerConfig server = server(Fields.of(f.node("server"), "server", problems, SERVER, "{host: ..., port: ...}"));
    AuthConfig auth = auth(Fields.of(f.node("auth"), "auth", problems, AUTH, "{keys: [...]}"));
    List<EndpointConfig> endpoints = new ArrayList<>();
    List<Node> endpointNodes = f.list("endpoints", "a list of endpoints, each starting with '- id: ...'");
    for (int i = 0; i < endpointNodes.size(); i++) endpoints.add(endpoint(endpointNodes.get(i), Paths.index("endpoints", i)));
    List<GroupConfig> groups = new ArrayList<>();
    List<Node> groupNodes = f.list("groups", "a list of groups, each starting with '- model: ...'");
    for (int i = 0; i < groupNodes.size(); i++) {
      groups.add(group(groupNodes.get(i), Paths.index("groups", i), endpoints));
    }
    return new GatewayConfig(file, server, auth, endpoints, groups);
  }

  private ServerConfig server(Fields f) {
    return new ServerConfig(
        f.string("host", ServerConfig.DEFAULT_HOST),
        f.integer("port", ServerConfig.DEFAULT_PORT, "8080"),
        f.bytes("max_body_bytes", ServerConfig.DEFAULT_MAX_BODY_BYTES),
        secrets.read(f.node("admin_token"), f.path("admin_token")));
  }

  private AuthConfig auth(Fields f) {
    List<AuthConfig.ApiKey> keys = new ArrayList<>();
    List<Node> nodes = f.list("keys", "a list of {name: ..., key: {env: ...}}");
    for (int i = 0; i < nodes.size(); i++) {
      String path = Paths.index("auth.keys", i);
      Fields k = Fields.of(nodes.get(i), path, problems, KEY, "{name: team-a, key: {env: TEAM_A_KEY}}");
      String name = k.requiredString("name", "team-a");
      if (!k.has("key")) k.missing("key", "key: {env: TEAM_A_KEY}");
      keys.add(new AuthConfig.ApiKey(name, secrets.read(k.node("key"), k.path("key"))));
    }
    return new AuthConfig(keys);
  }

  private EndpointConfig endpoint(Node node, String path) {
    Fields f = Fields.of(node, path, problems, ENDPOINT, "{id: vllm-1, url: http://127.0.0.1:9000/v1}");
    return new EndpointConfig(
        f.requiredString("id", "vllm-1"),
        url(f),
        f.string("kind", DEFAULT_KIND),
        secrets.read(f.node("api_key"), f.path("api_key")),
        models(f),
        f.integer("weight", DEFAULT_WEIGHT, "1"),
        f.integer("max_concurrent", DEFAULT_MAX_CONCURRENT, "64"),
        timeouts(Fields.of(f.node("timeouts"), f.path("timeouts"), problems, TIMEOUTS, "{connect: 2s, total: 10m}")),
        tolerance(Fields.of(f.node("failure_tolerance"), f.path("failure_tolerance"), problems, TOLERANCE,
            "{allowed_failures_per_minute: 5, cooldown: 30s}")),
        limits(Fields.of(f.node("limits"), f.path("limits"), problems, LIMITS, "{rpm: 500, tpm: 200000}")),
        f.has("health_check") ? health(Fields.of(f.node("health_check"), f.path("health_check"), problems, HEALTH,
            "{path: /health, interval: 10s}")) : null,
        f.duration("slow_start", EndpointConfig.DEFAULT_SLOW_START),
        f.has("metrics") ? engineMetrics(Fields.of(f.node("metrics"), f.path("metrics"), problems, ENGINE_METRICS,
            "{path: /metrics, interval: 1s}")) : null,
        f.integer("context_window", 0, "32768"),
        labels(f),
        f.has("tls") ? tls(Fields.of(f.node("tls"), f.path("tls"), problems, TLS, "{ca_file: /etc/ssl/internal-ca.pem}"))
            : null);
  }

  /** Reads the CA file now (a relative path from the config file's directory); the validator judges it. */
  private TlsConfig tls(Fields f) {
    String name = f.requiredString("ca_file", "/etc/ssl/internal-ca.pem");
    if (name == null || name.isBlank()) return null;
    Path dir = file == null ? null : file.toAbsolutePath().getParent();
    return TlsConfig.read(dir == null ? Path.of(name) : dir.resolve(name));
  }

  private static EngineMetricsConfig engineMetrics(Fields f) {
    return new EngineMetricsConfig(f.string("path", EngineMetricsConfig.DEFAULT_PATH),
        f.duration("interval", EngineMetricsConfig.DEFAULT_INTERVAL),
        f.duration("timeout", EngineMetricsConfig.DEFAULT_TIMEOUT));
  }

  /** {@code {key: value}} with scalar values, taken as text. */
  private Map<String, String> labels(Fields f) {
    Map<String, String> labels = new LinkedHashMap<>();
    Node n = f.node("labels");
    String path = f.path("labels");
    if (n == null) return labels;
    if (!(n instanceof MapNode m)) {
      problems.error(path, n.mark(), "expected a mapping, got " + Node.describe(n), "write e.g. {region: eu, tier: gpu}");
      return labels;
    }
    m.entries().forEach((k, v) -> {
      if (v instanceof Scalar s && !s.isNull() && !s.text().isBlank()) labels.put(k, s.text());
      else problems.error(Paths.child(path, k), v.mark(), "expected a value, got " + Node.describe(v), "write e.g. " + k + ": eu");
    });
    return labels;
  }

  private FailureToleranceConfig tolerance(Fields f) {
    FailureToleranceConfig d = FailureToleranceConfig.DEFAULT;
    List<Integer> codes = d.failureStatusCodes();
    if (f.has("failure_status_codes")) {
      codes = new ArrayList<>();
      List<Node> items = f.list("failure_status_codes", "[500, 502, 503, 504]");
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        if (item instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) codes.add(Integer.parseInt(s.text().strip()));
        else problems.error(Paths.index(f.path("failure_status_codes"), i), item.mark(),
            "expected an HTTP status, got " + Node.describe(item), "write e.g. 503");
      }
    }
    return new FailureToleranceConfig(f.integer("allowed_failures_per_minute", d.allowedFailuresPerMinute(), "5"),
        f.duration("cooldown", d.cooldown()), codes, f.integer("half_open_probes", d.halfOpenProbes(), "1"));
  }

  private static UsageLimitsConfig limits(Fields f) {
    return new UsageLimitsConfig(f.integer("rpm", 0, "500"), f.integer("tpm", 0, "200000"));
  }

  private static HealthCheckConfig health(Fields f) {
    return new HealthCheckConfig(f.string("path", HealthCheckConfig.DEFAULT_PATH),
        f.duration("interval", HealthCheckConfig.DEFAULT_INTERVAL), f.duration("timeout", HealthCheckConfig.DEFAULT_TIMEOUT),
        f.integer("healthy_threshold", HealthCheckConfig.DEFAULT_HEALTHY_THRESHOLD, "2"),
        f.integer("unhealthy_threshold", HealthCheckConfig.DEFAULT_UNHEALTHY_THRESHOLD, "3"));
  }

  private URI url(Fields f) {
    String text = f.requiredString("url", "http://127.0.0.1:9000/v1");
    if (text == null) return null;
    String trimmed = text.strip();
    while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
    try {
      return new URI(trimmed);
    } catch (URISyntaxException e) {
      problems.error(f.path("url"), f.node("url").mark(), "not a valid URL: " + e.getMessage(),
          "write e.g. http://127.0.0.1:9000/v1");
      return null;
    }
  }

  /** {@code {alias: upstream}}; a list of names, or an alias with no value, maps a name to itself. */
  private Map<String, String> models(Fields f) {
    Map<String, String> models = new LinkedHashMap<>();
    Node n = f.node("models");
    String path = f.path("models");
    switch (n) {
      case null -> { }
      case ListNode l -> {
        for (int i = 0; i < l.items().size(); i++) {
          Node item = l.items().get(i);
          if (item instanceof Scalar s && !s.isNull() && !s.text().isBlank()) models.put(s.text(), s.text());
          else problems.error(Paths.index(path, i), item.mark(), "expected a model name, got " + Node.describe(item),
              "write a name such as llama-8b");
        }
      }
      case MapNode m -> m.entries().forEach((alias, v) -> {
        if (v instanceof Scalar s && s.isNull()) models.put(alias, alias);
        else if (v instanceof Scalar s && !s.text().isBlank()) models.put(alias, s.text());
        else problems.error(Paths.child(path, alias), v.mark(),
            "expected the upstream model name, got " + Node.describe(v), "write e.g. " + alias + ": org/model-name");
      });
      case Scalar s -> problems.error(path, s.mark(), "expected a mapping or a list, got " + Node.describe(s),
          "write {client-name: upstream/name} or [name, ...]");
    }
    return models;
  }

  private Timeouts timeouts(Fields f) {
    Timeouts d = Timeouts.DEFAULT;
    return new Timeouts(f.duration("connect", d.connect()), f.duration("first_byte", d.firstByte()),
        f.duration("idle", d.idle()), f.duration("total", d.total()));
  }

  private GroupConfig group(Node node, String path, List<EndpointConfig> endpoints) {
    Fields f = Fields.of(node, path, problems, GROUP, "{model: llama-8b, endpoints: [vllm-1]}");
    String model = f.requiredString("model", "llama-8b");
    List<String> members = new ArrayList<>();
    List<Node> items = f.list("endpoints", "[vllm-1, vllm-2]");
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof Scalar s && !s.isNull()) members.add(s.text());
      else problems.error(Paths.index(f.path("endpoints"), i), item.mark(),
          "expected an endpoint id, got " + Node.describe(item), "write the id of an endpoint");
    }
    if (!f.has("endpoints") && model != null) members.addAll(servingEndpoints(model, endpoints));
    Fields q = Fields.of(f.node("queue"), f.path("queue"), problems, QUEUE, "{size: 128, timeout: 30s}");
    Fields r = Fields.of(f.node("retry"), f.path("retry"), problems, RETRY, "{attempts: 3, deadline: 5m}");
    RetryConfig rd = RetryConfig.DEFAULT;
    RetryConfig retry = new RetryConfig(r.integer("attempts", rd.attempts(), "3"),
        r.duration("backoff_base", rd.backoffBase()), r.duration("backoff_cap", rd.backoffCap()),
        r.duration("deadline", rd.deadline()), r.decimal("budget_ratio", rd.budgetRatio(), "0.2"),
        r.string("content_policy", rd.contentPolicy()));
    Fields s = Fields.of(f.node("stream"), f.path("stream"), problems, STREAM, "{hold_first_token_timeout: 10s}");
    StreamConfig sd = StreamConfig.DEFAULT;
    long holdBytes = s.bytes("hold_first_token_bytes", sd.holdFirstTokenBytes());
    StreamConfig stream = new StreamConfig((int) Math.min(Integer.MAX_VALUE, holdBytes),
        s.duration("hold_first_token_timeout", sd.holdFirstTokenTimeout()), s.bool("continue_on_failure", false));
    HedgeConfig hedge = null;
    if (f.has("hedge")) {
      Fields h = Fields.of(f.node("hedge"), f.path("hedge"), problems, HEDGE, "{delay: 2s, max_share: 0.1}");
      hedge = new HedgeConfig(h.duration("delay", java.time.Duration.ofSeconds(2)), h.decimal("max_share", 0.1, "0.1"));
    }
    List<String> fallbacks = new ArrayList<>();
    List<Node> fb = f.list("fallbacks", "[llama-70b, gpt-4o-mini]");
    for (int i = 0; i < fb.size(); i++) {
      if (fb.get(i) instanceof Scalar sc && !sc.isNull() && !sc.text().isBlank()) fallbacks.add(sc.text());
      else problems.error(Paths.index(f.path("fallbacks"), i), fb.get(i).mark(),
          "expected a model name, got " + Node.describe(fb.get(i)), "write the model of another group");
    }
    if (f.has("strategy") && f.has("pipeline")) {
      problems.error(f.path("pipeline"), f.node("pipeline").mark(), "a group has either a strategy or a pipeline, not both",
          "remove strategy (the pipeline is the policy) or remove pipeline");
    }
    return new GroupConfig(model, members, f.string("strategy", DEFAULT_STRATEGY),
        q.integer("size", DEFAULT_QUEUE_SIZE, "128"), q.duration("timeout", DEFAULT_QUEUE_TIMEOUT), retry,
        fallbacks, f.string("context_fallback", null), stream, hedge, admission(q),
        f.has("pipeline") ? pipeline(Fields.of(f.node("pipeline"), f.path("pipeline"), problems, PIPELINE,
            "{filters: [available], scorers: [token-load], picker: max}")) : null,
        f.string("tokenizer", null));
  }

  /** A pipeline written out; names are checked by the validator (it builds the pipeline). */
  private PipelineSpec pipeline(Fields f) {
    List<String> filters = new ArrayList<>();
    if (!f.has("filters")) filters.addAll(List.of("available", "context-fit"));
    List<Node> fl = f.list("filters", "[available, context-fit]");
    for (int i = 0; i < fl.size(); i++) {
      if (fl.get(i) instanceof Scalar sc && !sc.isNull() && !sc.text().isBlank()) filters.add(sc.text());
      else problems.error(Paths.index(f.path("filters"), i), fl.get(i).mark(),
          "expected a filter name, got " + Node.describe(fl.get(i)), "write e.g. available");
    }
    List<PipelineSpec.ScorerSpec> scorers = new ArrayList<>();
    List<Node> sl = f.list("scorers", "[{name: predicted-latency, weight: 1}, {name: token-load, weight: 2}]");
    for (int i = 0; i < sl.size(); i++) {
      Node item = sl.get(i);
      String at = Paths.index(f.path("scorers"), i);
      if (item instanceof Scalar sc && !sc.isNull() && !sc.text().isBlank()) {
        scorers.add(new PipelineSpec.ScorerSpec(sc.text(), 1));
        continue;
      }
      Fields sf = Fields.of(item, at, problems, SCORER, "{name: token-load, weight: 2}");
      String name = sf.requiredString("name", "token-load");
      double weight = sf.decimal("weight", 1, "2");
      if (name == null) continue;
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        problems.error(Paths.child(at, "weight"), item.mark(), "must be a number 0 or more, got " + weight, "write e.g. 2");
        continue;
      }
      scorers.add(new PipelineSpec.ScorerSpec(name, weight));
    }
    Map<String, String> params = new LinkedHashMap<>();
    Node pn = f.node("params");
    if (pn instanceof MapNode m) {
      m.entries().forEach((k, v) -> {
        if (v instanceof Scalar sc && !sc.isNull()) params.put(k, sc.text());
        else problems.error(Paths.child(f.path("params"), k), v.mark(), "expected a value, got " + Node.describe(v),
            "write e.g. epsilon: 0.01");
      });
    } else if (pn != null) {
      problems.error(f.path("params"), pn.mark(), "expected a mapping, got " + Node.describe(pn), "write e.g. {epsilon: 0.01}");
    }
    return new PipelineSpec(f.string("name", "pipeline"), filters, scorers, f.string("picker", "max"), params);
  }

  private static AdmissionConfig admission(Fields q) {
    AdmissionConfig d = AdmissionConfig.DEFAULT;
    return new AdmissionConfig(q.string("order", d.order()), q.decimal("aging", d.agingTokensPerSecond(), "2000"),
        q.integer("shed_below_priority", d.shedBelowPriority(), "0"));
  }

  /** A group without an endpoint list is served by the endpoints whose {@code models} name it. */
  private static List<String> servingEndpoints(String model, List<EndpointConfig> endpoints) {
    List<String> ids = new ArrayList<>();
    for (EndpointConfig e : endpoints) if (e.id() != null && e.models().containsKey(model)) ids.add(e.id());
    return ids;
  }
}
