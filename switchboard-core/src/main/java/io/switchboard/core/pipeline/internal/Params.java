package io.switchboard.core.pipeline.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pipeline's named tuning values, checked against the known names and parsed once at build time. */
public final class Params {
  /** Every parameter name a pipeline accepts. */
  public static final List<String> NAMES = List.of("epsilon", "temperature", "sticky", "labels", "load-slack",
      "prefix-slack", "session-slack", "decode-weight", "own-weight", "kv-weight", "latency-band", "ttft-unit", "ttft-relative");

  private final String pipeline;
  private final Map<String, String> values;

  public Params(String pipeline, Map<String, String> values) {
    for (String k : values.keySet()) {
      if (!NAMES.contains(k)) {
        throw new IllegalArgumentException("pipeline '" + pipeline + "': unknown parameter '" + k + "'; use one of "
            + String.join(", ", NAMES));
      }
    }
    this.pipeline = pipeline;
    this.values = values;
  }

  public double number(String key, double dflt) {
    String v = values.get(key);
    if (v == null) return dflt;
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d) || d < 0) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("pipeline '" + pipeline + "': parameter " + key + "=" + v
          + " must be a finite number >= 0");
    }
  }

  public boolean flag(String key) { return Boolean.parseBoolean(values.getOrDefault(key, "false").trim()); }

  /** {@code labels=k=v&k2=v2} as a map. */
  public Map<String, String> labels() {
    Map<String, String> out = new LinkedHashMap<>();
    String v = values.getOrDefault("labels", "");
    for (String pair : v.split("&")) {
      if (pair.isBlank()) continue;
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("pipeline '" + pipeline + "': labels entry '" + pair + "' must be KEY=VALUE");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }
}
