package io.switchboard.gateway.config;

import io.switchboard.core.Strategies;
import io.switchboard.core.pipeline.Pipeline;
import io.switchboard.core.pipeline.PipelineSpec;
import io.switchboard.core.pipeline.Policies;
import io.switchboard.core.pipeline.Signals;
import java.util.SplittableRandom;
import io.switchboard.gateway.config.internal.Globs;
import io.switchboard.gateway.config.internal.Pem;
import io.switchboard.gateway.config.internal.Problems;
import io.switchboard.gateway.config.internal.Suggestions;
import io.switchboard.gateway.config.internal.Values;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the values of a {@link GatewayConfig} mean together: unique endpoint ids, http(s) URLs, known kinds
 * and strategies, groups that name existing endpoints, no duplicate or unreachable model patterns, ranges. Runs
 * on records, so a config built in code (the demo) gets the same checks as one read from YAML; the
 * {@link ConfigLoader} runs it after mapping and reports the two kinds of problem together.
 *
 * <p>Tolerates nulls: the loader has already reported a missing or unusable value, so it is skipped here.
 */
public final class ConfigValidator {
  /** Endpoint kinds with an adapter. The seam for azure, anthropic, gemini and bedrock. */
  public static final List<String> KINDS = List.of("openai");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
  private static final Pattern MODEL = Pattern.compile("\\S+");

  private final Problems problems;

  private ConfigValidator(Problems problems) { this.problems = problems; }

  /** Every problem of a config built in code; empty when it is valid. */
  public static List<ConfigProblem> validate(GatewayConfig config) {
    Problems p = new Problems(config.source());
    validate(config, p);
    return p.errors();
  }

  /** Adds the problems of {@code config} to the loader's collector. */
  static void validate(GatewayConfig config, Problems problems) {
    var v = new ConfigValidator(problems);
    v.server(config.server(), config.auth());
    v.auth(config.auth());
    Set<String> ids = v.endpoints(config.endpoints());
    v.groups(config.groups(), ids);
    v.fallbacks(config);
    v.unused(config);
  }

  private void server(ServerConfig s, AuthConfig auth) {
    if (s.host() == null || s.host().isBlank()) {
      problems.error("server.host", "the host is empty", "write 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)");
    } else if (auth.keys().isEmpty() && !isLoopback(s.host())) {
      problems.warn("server.host", "listening on " + s.host() + " with no client keys: anyone who can reach it can use your endpoints",
          "add auth.keys, or listen on 127.0.0.1");
    }
    if (s.port() < 0 || s.port() > 65535) {
      problems.error("server.port", "port " + s.port() + " is out of range", "use 1-65535 (or 0 for any free port)");
    }
    if (s.maxBodyBytes() <= 0) {
      problems.error("server.max_body_bytes", "must be positive, got " + s.maxBodyBytes(), "write e.g. 4MiB");
    }
  }

  private void auth(AuthConfig auth) {
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> values = new HashMap<>();
    for (int i = 0; i < auth.keys().size(); i++) {
      AuthConfig.ApiKey k = auth.keys().get(i);
      String path = "auth.keys[" + i + "]";
      if (k.name() != null) {
        Integer prev = names.putIfAbsent(k.name(), i);
        if (prev != null) {
          problems.error(path + ".name", "duplicate key name '" + k.name() + "' (also auth.keys[" + prev + "])",
              "give each client key its own name: the access log tells clients apart by it");
        }
      }
      if (k.key() != null) {
        Integer prev = values.putIfAbsent(k.key().value(), i);
        if (prev != null) {
          problems.error(path + ".key", "the same secret as auth.keys[" + prev + "]",
              "give each client its own key, or use one entry");
        }
      }
    }
  }

  private Set<String> endpoints(List<EndpointConfig> endpoints) {
    Set<String> ids = new HashSet<>();
    if (endpoints.isEmpty()) {
      problems.error("endpoints", "no endpoints", "add an endpoints list with at least one endpoint (see examples/switchboard.yaml)");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointConfig e = endpoints.get(i);
      String path = "endpoints[" + i + "]";
      if (e.id() != null) {
        Integer prev = seen.putIfAbsent(e.id(), i);
        if (prev != null) {
          problems.error(path + ".id", "duplicate endpoint id '" + e.id() + "' (also endpoints[" + prev + "])",
              "give each endpoint a unique id");
        } else if (!ID.matcher(e.id()).matches()) {
          problems.error(path + ".id", "endpoint id '" + e.id() + "' has characters other than letters, digits and . _ : -",
              "use e.g. vllm-1 (the id appears in a response header and in metrics)");
        }
        ids.add(e.id());
      }
      if (e.baseUrl() != null) url(e.baseUrl(), path + ".url");
      if (e.kind() != null && !KINDS.contains(e.kind())) {
        problems.error(path + ".kind", "unknown kind '" + e.kind() + "'",
            "use one of: " + String.join(", ", KINDS) + " (any OpenAI-compatible server, e.g. vLLM, SGLang, Ollama)");
      }
      if (e.weight() < 1) problems.error(path + ".weight", "must be at least 1, got " + e.weight(), "write e.g. weight: 1");
      if (e.maxConcurrent() < 1) {
        problems.error(path + ".max_concurrent", "must be at least 1, got " + e.maxConcurrent(),
            "write e.g. max_concurrent: 64, or leave it out for no limit");
      }
      Timeouts t = e.timeouts();
      if (t != null) {
        positive(t.connect(), path + ".timeouts.connect");
        positive(t.firstByte(), path + ".timeouts.first_byte");
        positive(t.idle(), path + ".timeouts.idle");
        positive(t.total(), path + ".timeouts.total");
      }
      resilience(e, path);
      routing(e, path);
      if (e.tls() != null) tls(e, path + ".tls");
    }
    return ids;
  }

  /**
   * {@code tls} only on https URLs, and a CA file that was there, readable and holds PEM certificates: parsed here
   * as the client will parse it, so a bad bundle fails the load (or the reload, keeping the old config) instead
   * of every request to the endpoint.
   */
  private void tls(EndpointConfig e, String path) {
    if (e.baseUrl() != null && "http".equalsIgnoreCase(e.baseUrl().getScheme())) {
      problems.error(path, "tls is set but the URL '" + e.baseUrl() + "' is plain http",
          "write the URL with https://, or remove tls");
      return;
    }
    TlsConfig t = e.tls();
    String at = path + ".ca_file";
    if (t.caFile() == null) return;
    if (t.caPem() == null) {
      if (!Files.exists(t.caFile())) {
        problems.error(at, "CA file " + t.caFile() + " does not exist",
            "fix the path (a relative path is read from the config file's directory)");
      } else {
        problems.error(at, "cannot read CA file " + t.caFile(), "make it a readable file for the user running the gateway");
      }
      return;
    }
    String notPem = Pem.certificateProblem(t.caPem());
    if (notPem != null) {
      problems.error(at, "CA file " + t.caFile() + " " + notPem,
          "give a PEM bundle of -----BEGIN CERTIFICATE----- blocks (from DER: openssl x509 -inform der -in ca.der -out ca.pem)");
    }
  }

  private void resilience(EndpointConfig e, String path) {
    FailureToleranceConfig f = e.failureTolerance();
    if (f != null) {
      String at = path + ".failure_tolerance";
      if (f.allowedFailuresPerMinute() < 0) {
        problems.error(at + ".allowed_failures_per_minute", "must be 0 or more, got " + f.allowedFailuresPerMinute(),
            "write e.g. 5 (0 opens the breaker on the first failure)");
      }
      positive(f.cooldown(), at + ".cooldown");
      if (f.halfOpenProbes() < 1) {
        problems.error(at + ".half_open_probes", "must be at least 1, got " + f.halfOpenProbes(), "write e.g. 1");
      }
      for (int j = 0; j < f.failureStatusCodes().size(); j++) {
        int code = f.failureStatusCodes().get(j);
        if (code == 429) {
          problems.error(at + ".failure_status_codes[" + j + "]", "429 cannot count as a failure",
              "remove it: a 429 rests the endpoint for its Retry-After instead of counting against its health");
        } else if (code < 100 || code > 599) {
          problems.error(at + ".failure_status_codes[" + j + "]", code + " is not an HTTP status", "write e.g. 503");
        }
      }
    }
    UsageLimitsConfig l = e.limits();
    if (l != null) {
      if (l.rpm() < 0) problems.error(path + ".limits.rpm", "must be 0 or more, got " + l.rpm(), "write e.g. 500 (0: no limit)");
      if (l.tpm() < 0) problems.error(path + ".limits.tpm", "must be 0 or more, got " + l.tpm(), "write e.g. 200000 (0: no limit)");
    }
    HealthCheckConfig h = e.healthCheck();
    if (h != null) {
      String at = path + ".health_check";
      if (h.path() == null || !h.path().startsWith("/")) {
        problems.error(at + ".path", "path '" + h.path() + "' does not start with /", "write e.g. /health");
      }
      positive(h.interval(), at + ".interval");
      positive(h.timeout(), at + ".timeout");
      if (h.healthyThreshold() < 1) {
        problems.error(at + ".healthy_threshold", "must be at least 1, got " + h.healthyThreshold(), "write e.g. 2");
      }
      if (h.unhealthyThreshold() < 1) {
        problems.error(at + ".unhealthy_threshold", "must be at least 1, got " + h.unhealthyThreshold(), "write e.g. 3");
      }
    }
    if (e.slowStart() != null && e.slowStart().isNegative()) {
      problems.error(path + ".slow_start", "must be 0 or longer, got " + Values.format(e.slowStart()),
          "write e.g. 30s (0: full traffic at once)");
    }
  }

  private void routing(EndpointConfig e, String path) {
    EngineMetricsConfig m = e.metrics();
    if (m != null) {
      if (m.path() == null || !m.path().startsWith("/")) {
        problems.error(path + ".metrics.path", "path '" + m.path() + "' does not start with /", "write e.g. /metrics");
      }
      positive(m.interval(), path + ".metrics.interval");
      positive(m.timeout(), path + ".metrics.timeout");
    }
    if (e.contextWindow() < 0) {
      problems.error(path + ".context_window", "must be 0 or more tokens, got " + e.contextWindow(),
          "write the model's maximum context, e.g. 32768 (0: unknown)");
    }
    for (String k : e.labels().keySet()) {
      if (k.isBlank() || k.indexOf('=') >= 0 || k.indexOf('&') >= 0 || e.labels().get(k).indexOf('&') >= 0) {
        problems.error(path + ".labels." + k, "label keys may not be empty or contain = or &, nor values &",
            "write e.g. region: eu");
      }
    }
  }

  private void url(URI url, String path) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      problems.error(path, "URL '" + url + "' is not http or https", "write e.g. http://127.0.0.1:9000/v1");
    } else if (url.getHost() == null) {
      problems.error(path, "URL '" + url + "' has no host", "write e.g. http://127.0.0.1:9000/v1");
    } else if (url.getRawQuery() != null || url.getRawFragment() != null) {
      problems.error(path, "URL '" + url + "' has a query or fragment", "give only scheme, host, port and path");
    }
  }

  private void positive(Duration d, String path) {
    if (d != null && (d.isNegative() || d.isZero())) {
      problems.error(path, "must be longer than zero, got " + Values.format(d), "write e.g. 30s");
    }
  }

  private void groups(List<GroupConfig> groups, Set<String> ids) {
    Map<String, Integer> exact = new HashMap<>();
    List<Integer> globs = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      GroupConfig g = groups.get(i);
      String path = "groups[" + i + "]";
      if (g.model() != null) model(g, i, exact, globs, groups);
      if (g.endpoints().isEmpty() && g.model() != null && !(g.model().isBlank())) {
        problems.error(path + ".endpoints", "the group has no endpoints",
            "list endpoint ids under endpoints, or name '" + g.model() + "' under an endpoint's models");
      }
      Set<String> members = new HashSet<>();
      for (int j = 0; j < g.endpoints().size(); j++) {
        String id = g.endpoints().get(j);
        String at = path + ".endpoints[" + j + "]";
        if (!ids.contains(id)) {
          String near = Suggestions.closest(id, ids);
          problems.error(at, "unknown endpoint '" + id + "'", (near != null ? "did you mean '" + near + "'? " : "")
              + "define it under endpoints or remove it (known: " + String.join(", ", ids.stream().sorted().toList()) + ")");
        } else if (!members.add(id)) {
          problems.error(at, "endpoint '" + id + "' is listed twice", "list it once (use weight to give it more traffic)");
        }
      }
      if (g.pipeline() != null) {
        pipeline(g.pipeline(), path + ".pipeline");
      } else if (g.strategy() != null && g.strategy().startsWith("pipeline/")) {
        try {
          pipeline(Policies.spec(g.strategy()), path + ".strategy");
        } catch (IllegalArgumentException e) {
          problems.error(path + ".strategy", e.getMessage(), "write pipeline/scorers=NAME*WEIGHT+NAME/picker=max (see docs/smart-routing.md)");
        }
      } else if (g.strategy() != null && !Strategies.NAMES.contains(g.strategy())) {
        String near = Suggestions.closest(g.strategy(), Strategies.NAMES);
        problems.error(path + ".strategy", "unknown strategy '" + g.strategy() + "'",
            (near != null ? "did you mean '" + near + "'? " : "") + "use one of: " + String.join(", ", Strategies.NAMES));
      }
      if (g.queueSize() < 0) problems.error(path + ".queue.size", "must be 0 or more, got " + g.queueSize(), "write e.g. 128 (0: reject at once)");
      if (g.queueTimeout() != null && g.queueSize() > 0) positive(g.queueTimeout(), path + ".queue.timeout");
      admission(g.admission(), path + ".queue");
      retry(g.retry(), path + ".retry");
      contentPolicy(g, path + ".retry.content_policy");
      stream(g.stream(), path + ".stream");
      hedge(g.hedge(), path + ".hedge");
      if (g.tokenizer() != null && !GroupConfig.TOKENIZERS.contains(g.tokenizer())) {
        String near = Suggestions.closest(g.tokenizer(), GroupConfig.TOKENIZERS);
        problems.error(path + ".tokenizer", "unknown tokenizer '" + g.tokenizer() + "'",
            (near != null ? "did you mean '" + near + "'? " : "") + "use one of: "
                + String.join(", ", new java.util.TreeSet<>(GroupConfig.TOKENIZERS))
                + ", or remove it to estimate prompt tokens from the body's size");
      }
    }
  }

  /** Builds the pipeline once, so that every filter, scorer, picker and parameter name is checked. */
  private void pipeline(PipelineSpec spec, String path) {
    try {
      Pipeline.create(spec, Signals.defaults(), new SplittableRandom(0));
    } catch (IllegalArgumentException e) {
      problems.error(path, e.getMessage(), "see docs/smart-routing.md for the filters, scorers, pickers and params");
    }
  }

  private void admission(AdmissionConfig a, String path) {
    if (a.order() != null && !AdmissionConfig.ORDERS.contains(a.order())) {
      problems.error(path + ".order", "unknown order '" + a.order() + "'",
          "use fifo (arrival order within a priority class) or sejf (shortest expected job first, with aging)");
    }
    if (!(a.agingTokensPerSecond() >= 0) || Double.isInfinite(a.agingTokensPerSecond())) {
      problems.error(path + ".aging", "must be 0 or more tokens per second, got " + a.agingTokensPerSecond(),
          "write e.g. 2000 (a 20,000-token job is overtaken only by jobs arriving within 10 s after it)");
    } else if (a.agingTokensPerSecond() == 0 && "sejf".equals(a.order())) {
      problems.warn(path + ".aging", "sejf without aging can keep long requests waiting until they time out",
          "write e.g. aging: 2000");
    }
  }

  private void retry(RetryConfig r, String path) {
    if (r == null) return;
    if (r.attempts() < 1) problems.error(path + ".attempts", "must be at least 1, got " + r.attempts(), "write e.g. 3 (1: never retry)");
    if (r.backoffBase() != null && r.backoffBase().isNegative()) {
      problems.error(path + ".backoff_base", "must be 0 or longer, got " + Values.format(r.backoffBase()), "write e.g. 50ms");
    }
    if (r.backoffBase() != null && r.backoffCap() != null && r.backoffCap().compareTo(r.backoffBase()) < 0) {
      problems.error(path + ".backoff_cap", "is shorter than backoff_base (" + Values.format(r.backoffBase()) + ")",
          "write a cap at least as long as the base, e.g. 2s");
    }
    positive(r.deadline(), path + ".deadline");
    if (!(r.budgetRatio() >= 0 && r.budgetRatio() <= 1)) {
      problems.error(path + ".budget_ratio", "must be between 0 and 1, got " + r.budgetRatio(),
          "write e.g. 0.2 (retries at most 20% of the group's requests)");
    }
  }

  private void contentPolicy(GroupConfig g, String path) {
    String p = g.retry() == null ? null : g.retry().contentPolicy();
    if (p == null) return;
    if (!RetryConfig.CONTENT_POLICIES.contains(p)) {
      String near = Suggestions.closest(p, RetryConfig.CONTENT_POLICIES);
      problems.error(path, "unknown content policy '" + p + "'", (near != null ? "did you mean '" + near + "'? " : "")
          + "use one of: " + String.join(", ", RetryConfig.CONTENT_POLICIES));
    } else if (RetryConfig.FALLBACK.equals(p) && g.fallbacks().isEmpty()) {
      problems.error(path, "'fallback' sends a refused request to the group's first fallback, but the group has none",
          "list a group under fallbacks, or write return (pass the refusal through) or retry_elsewhere");
    }
  }

  private void stream(StreamConfig s, String path) {
    if (s == null) return;
    if (s.holdFirstTokenBytes() < 1) {
      problems.error(path + ".hold_first_token_bytes", "must be at least 1 byte, got " + s.holdFirstTokenBytes(), "write e.g. 64KiB");
    }
    positive(s.holdFirstTokenTimeout(), path + ".hold_first_token_timeout");
  }

  private void hedge(HedgeConfig h, String path) {
    if (h == null) return;
    positive(h.delay(), path + ".delay");
    if (!(h.maxShare() > 0 && h.maxShare() <= 1)) {
      problems.error(path + ".max_share", "must be above 0 and at most 1, got " + h.maxShare(), "write e.g. 0.1");
    }
  }

  /** Fallbacks must name a group this config serves (written, glob or implied by endpoints' models). */
  private void fallbacks(GatewayConfig config) {
    for (int i = 0; i < config.groups().size(); i++) {
      GroupConfig g = config.groups().get(i);
      String path = "groups[" + i + "]";
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < g.fallbacks().size(); j++) {
        String name = g.fallbacks().get(j);
        String at = path + ".fallbacks[" + j + "]";
        if (name.equals(g.model())) {
          problems.error(at, "the group falls back to itself", "name another group's model");
        } else if (!seen.add(name)) {
          problems.error(at, "'" + name + "' is listed twice", "list each fallback once");
        } else if (!served(config, name)) {
          problems.error(at, "no group serves model '" + name + "'", "name the model of another group, e.g. "
              + config.groups().stream().map(GroupConfig::model).filter(m -> m != null && !m.equals(g.model())).findFirst().orElse("llama-70b"));
        }
      }
      String ctx = g.contextFallback();
      if (ctx != null) {
        if (ctx.equals(g.model())) {
          problems.error(path + ".context_fallback", "the group falls back to itself", "name a group with a larger context");
        } else if (!served(config, ctx)) {
          problems.error(path + ".context_fallback", "no group serves model '" + ctx + "'", "name the model of a group with a larger context");
        }
      }
    }
  }

  private static boolean served(GatewayConfig config, String model) {
    for (GroupConfig g : config.groups()) {
      if (g.model() == null) continue;
      if (g.isGlob() ? Globs.matches(g.model(), model) : g.model().equals(model)) return true;
    }
    for (EndpointConfig e : config.endpoints()) if (e.models().containsKey(model)) return true;
    return false;
  }

  private void model(GroupConfig g, int i, Map<String, Integer> exact, List<Integer> globs, List<GroupConfig> groups) {
    String path = "groups[" + i + "].model";
    if (!MODEL.matcher(g.model()).matches()) {
      problems.error(path, "model '" + g.model() + "' contains whitespace", "write the name clients send, e.g. llama-8b");
      return;
    }
    if (!g.isGlob()) {
      Integer prev = exact.putIfAbsent(g.model(), i);
      if (prev != null) {
        problems.error(path, "duplicate model '" + g.model() + "' (also groups[" + prev + "])",
            "merge the two groups' endpoints into one group");
      }
      return;
    }
    // The first matching glob wins, so a glob covered by an earlier one can never be chosen.
    for (int earlier : globs) {
      String other = groups.get(earlier).model();
      if (Globs.covers(other, g.model())) {
        problems.error(path, other.equals(g.model())
                ? "duplicate model pattern '" + g.model() + "' (also groups[" + earlier + "])"
                : "pattern '" + g.model() + "' is never used: every name it matches is matched first by '" + other
                    + "' (groups[" + earlier + "])",
            other.equals(g.model()) ? "merge the two groups' endpoints into one group"
                : "move this group above groups[" + earlier + "], or remove it");
        return;
      }
    }
    globs.add(i);
  }

  /** An endpoint no group uses and that names no model can never receive a request. */
  private void unused(GatewayConfig config) {
    Set<String> used = new HashSet<>();
    for (GroupConfig g : config.groups()) used.addAll(g.endpoints());
    for (int i = 0; i < config.endpoints().size(); i++) {
      EndpointConfig e = config.endpoints().get(i);
      if (e.id() != null && !used.contains(e.id()) && e.models().isEmpty()) {
        problems.warn("endpoints[" + i + "]", "endpoint '" + e.id() + "' is in no group and names no models, so it gets no traffic",
            "add it to a group, or list the models it serves");
      }
    }
  }

  private static boolean isLoopback(String host) {
    if (host.equals("localhost")) return true;
    try {
      // Only literal addresses: a host name is not resolved here (no DNS during validation).
      return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host).isLoopbackAddress();
    } catch (Exception e) {
      return false;
    }
  }
}
