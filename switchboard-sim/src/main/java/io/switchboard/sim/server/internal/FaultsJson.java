package io.switchboard.sim.server.internal;

import io.switchboard.sim.server.FaultKind;
import io.switchboard.sim.server.FaultRule;
import io.switchboard.sim.server.Faults;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin JSON form of {@link Faults}. {@code GET /admin/faults} shows every field:
 * <pre>{@code
 * {"http_429": {"probability": 0.0, "next": 0}, ... one entry per FaultKind key ...,
 *  "retry_after_seconds": 1, "slow_first_token_ms": 1000, "stall_after_tokens": 1,
 *  "cut_after_tokens": 1, "malformed_after_tokens": 1, "rpm": 0, "tpm": 0}
 * }</pre>
 * {@code POST /admin/faults} takes any subset of those fields and changes only them (a fault entry is
 * replaced whole; a bare number is its probability); {@code "clear": true} first resets everything.
 */
public final class FaultsJson {
  private FaultsJson() {}

  public static String format(Faults f) {
    ObjectNode root = Payloads.JSON.createObjectNode();
    for (FaultKind k : FaultKind.values()) {
      FaultRule r = f.rule(k);
      ObjectNode rule = root.putObject(k.key());
      rule.put("probability", r.probability());
      rule.put("next", r.next());
    }
    root.put("retry_after_seconds", f.retryAfterSeconds());
    root.put("slow_first_token_ms", f.slowFirstTokenMillis());
    root.put("stall_after_tokens", f.stallAfterTokens());
    root.put("cut_after_tokens", f.cutAfterTokens());
    root.put("malformed_after_tokens", f.malformedAfterTokens());
    root.put("rpm", f.rpm());
    root.put("tpm", f.tpm());
    return root.toPrettyString();
  }

  /**
   * A pure change that applies {@code body} to a snapshot. Throws {@link IllegalArgumentException} naming
   * the field for unknown keys and bad values; the change is validated against {@code current} here, so
   * applying it later fails only if a concurrent update made it invalid.
   */
  public static UnaryOperator<Faults> parsePatch(String body, Faults current) {
    JsonNode root;
    try {
      root = Payloads.JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("body must be a JSON object");
    UnaryOperator<Faults> patch = f -> apply(root, f);
    patch.apply(current);
    return patch;
  }

  private static Faults apply(JsonNode root, Faults start) {
    Faults f = root.path("clear").asBoolean(false) ? Faults.none() : start;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      f = switch (key) {
        case "clear" -> f;
        case "retry_after_seconds" -> f.withRetryAfterSeconds(integer(key, v));
        case "slow_first_token_ms" -> f.withSlowFirstTokenMillis(integer(key, v));
        case "stall_after_tokens" -> f.withStallAfterTokens(integer(key, v));
        case "cut_after_tokens" -> f.withCutAfterTokens(integer(key, v));
        case "malformed_after_tokens" -> f.withMalformedAfterTokens(integer(key, v));
        case "rpm" -> f.withRateLimits(integer(key, v), f.tpm());
        case "tpm" -> f.withRateLimits(f.rpm(), integer(key, v));
        default -> f.with(FaultKind.ofKey(key), rule(key, v));
      };
    }
    return f;
  }

  private static FaultRule rule(String key, JsonNode v) {
    if (v.isNumber()) return FaultRule.probability(v.doubleValue());
    if (!v.isObject()) throw new IllegalArgumentException(key + " must be a probability or {\"probability\": p, \"next\": n}");
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getKey().equals("probability") && !e.getKey().equals("next")) {
        throw new IllegalArgumentException(key + "." + e.getKey() + " is unknown; use probability and next");
      }
    }
    double p = v.path("probability").isMissingNode() ? 0 : number(key + ".probability", v.path("probability"));
    int next = v.path("next").isMissingNode() ? 0 : integer(key + ".next", v.path("next"));
    return new FaultRule(p, next);
  }

  private static int integer(String key, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException(key + " must be an integer, was " + v);
    return v.intValue();
  }

  private static double number(String key, JsonNode v) {
    if (!v.isNumber()) throw new IllegalArgumentException(key + " must be a number, was " + v);
    return v.doubleValue();
  }
}
