package io.switchboard.bench.workload.internal;

import io.switchboard.bench.workload.Arrivals;
import io.switchboard.bench.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Parses workload specs ({@code name[:poisson|:gamma][:key=value]...}) into workloads. */
public final class Specs {
  private Specs() {}

  public static Workload parse(String spec, Path traces) {
    String s = spec.trim();
    if (s.startsWith("file:")) {
      Path file = Path.of(s.substring("file:".length()));
      requireFile(spec, file);
      return new MooncakeTrace(s, file);
    }
    String[] parts = s.split(":");
    String name = parts[0];
    Options o = new Options(spec, parts);
    Workload w = switch (name) {
      case "mooncake" -> {
        o.allow();
        yield new MooncakeTrace(s, trace(spec, traces, "mooncake/synthetic_trace.jsonl"));
      }
      case "azure-conv" -> {
        o.allow();
        yield new AzureTrace(s, trace(spec, traces, "azure2023/AzureLLMInferenceTrace_conv.csv"));
      }
      case "sharegpt", "arxiv" -> {
        o.allow("rate", "cv");
        String file = name.equals("sharegpt") ? "sharegpt/sharegpt_8k_filtered_stats_llama2_tokenizer.csv"
            : "arxiv/arxiv_summarization_stats_llama2_tokenizer_filtered_v2.csv";
        yield new LengthTrace(s, trace(spec, traces, file), o.arrivals(), o.rate(10));
      }
      case "shared-prefix" -> {
        o.allow("rate", "cv", "groups", "system", "question", "output");
        yield new GroupPrefixWorkload(s, o.integer("groups", 16), o.range("system", 2000, 6000),
            o.range("question", 32, 256), o.range("output", 64, 512), o.arrivals(), o.rate(10));
      }
      case "b2b" -> {
        o.allow("rate", "cv", "groups", "context", "query");
        yield new GroupPrefixWorkload(s, o.integer("groups", 150), o.range("context", 6000, 6000),
            o.range("query", 1200, 1200), IntDist.normal(1000, 300, 1, 4000), o.arrivals(), o.rate(5));
      }
      case "one-system-prompt" -> {
        o.allow("rate", "cv", "system", "question", "output");
        yield new GroupPrefixWorkload(s, 1, o.range("system", 2000, 2000), o.range("question", 32, 512),
            o.range("output", 64, 512), o.arrivals(), o.rate(10));
      }
      case "multiturn" -> {
        o.allow("rate", "cv", "turns", "system", "user", "output", "think");
        yield new MultiTurnWorkload(s, o.range("turns", 3, 8), o.range("system", 200, 1000), o.range("user", 32, 256),
            o.range("output", 64, 384), o.number("think", 10), o.arrivals(), o.rate(10));
      }
      default -> throw new IllegalArgumentException("unknown workload '" + name + "' in '" + spec
          + "'; use one of mooncake, azure-conv, sharegpt, arxiv, shared-prefix, b2b, multiturn, one-system-prompt, file:PATH");
    };
    return w;
  }

  private static Path trace(String spec, Path traces, String relative) {
    Path file = traces.resolve(relative);
    requireFile(spec, file);
    return file;
  }

  private static void requireFile(String spec, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("workload '" + spec + "' needs " + file.toAbsolutePath().normalize()
          + ", which does not exist; point --traces at the directory holding shared/traces, or use file:PATH");
    }
  }

  /** The {@code :poisson}, {@code :gamma} and {@code key=value} parts of a spec. */
  private static final class Options {
    private final String spec;
    private final Map<String, String> values = new LinkedHashMap<>();
    private String process = "poisson";

    Options(String spec, String[] parts) {
      this.spec = spec;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i];
        int eq = p.indexOf('=');
        if (eq < 0) {
          if (!p.equals("poisson") && !p.equals("gamma")) {
            throw new IllegalArgumentException("'" + p + "' in workload '" + spec + "': expected poisson, gamma or key=value");
          }
          process = p;
        } else {
          values.put(p.substring(0, eq), p.substring(eq + 1));
        }
      }
    }

    void allow(String... keys) {
      Set<String> ok = new TreeSet<>(Set.of(keys));
      for (String k : values.keySet()) {
        if (!ok.contains(k)) {
          throw new IllegalArgumentException("unknown option '" + k + "' in workload '" + spec + "'; "
              + (ok.isEmpty() ? "it takes no options (use --rate or --load to rescale time)" : "it takes " + String.join(", ", ok)));
        }
      }
      if (ok.isEmpty() && !process.equals("poisson")) {
        throw new IllegalArgumentException("workload '" + spec + "' replays recorded arrival times; it takes no arrival process");
      }
    }

    Arrivals arrivals() {
      if (process.equals("gamma")) return Arrivals.gamma(number("cv", 4));
      if (values.containsKey("cv")) throw new IllegalArgumentException("cv= in workload '" + spec + "' needs :gamma");
      return Arrivals.poisson();
    }

    double rate(double dflt) {
      double r = number("rate", dflt);
      if (!(r > 0)) throw new IllegalArgumentException("rate in workload '" + spec + "' must be > 0, was " + r);
      return r;
    }

    double number(String key, double dflt) {
      String v = values.get(key);
      if (v == null) return dflt;
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + "=" + v + " in workload '" + spec + "' is not a number");
      }
    }

    int integer(String key, int dflt) {
      double d = number(key, dflt);
      if (d != Math.rint(d) || d < 1) throw new IllegalArgumentException(key + " in workload '" + spec + "' must be a positive integer");
      return (int) d;
    }

    /** {@code key=N} (constant) or {@code key=MIN-MAX} (uniform). */
    IntDist range(String key, int min, int max) {
      String v = values.get(key);
      if (v == null) return IntDist.uniform(min, max);
      try {
        int dash = v.indexOf('-');
        return dash < 0 ? IntDist.constant(Integer.parseInt(v))
            : IntDist.uniform(Integer.parseInt(v.substring(0, dash)), Integer.parseInt(v.substring(dash + 1)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + "=" + v + " in workload '" + spec + "': want N or MIN-MAX tokens, e.g. "
            + key + "=" + min + "-" + max);
      }
    }
  }
}
