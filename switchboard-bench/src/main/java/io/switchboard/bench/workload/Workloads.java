package io.switchboard.bench.workload;

import io.switchboard.bench.workload.internal.Specs;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds workloads from their command-line specs. */
public final class Workloads {
  /** Where the public traces live relative to the project root: {@code shared/} sits beside the checkout. */
  public static final Path DEFAULT_TRACES = Path.of("..", "shared", "traces");

  /** The spec grammar and every workload, as {@code --help} shows them. */
  public static final String HELP = """
      Workload specs: NAME[:poisson|:gamma][:KEY=VALUE]...  (lengths in tokens; N or MIN-MAX)
        mooncake            Mooncake synthetic trace (3,993 requests, long prompts, 512-token hash_id
                            blocks expanded to exact shared prefixes); recorded arrivals
        azure-conv          Azure 2023 conversation trace (19,366 requests); recorded arrivals, no sharing
        file:PATH           your own trace in the Mooncake JSONL format
        sharegpt, arxiv     length-only CSVs sampled with replacement; rate=10 req/s
        shared-prefix       groups=16 system=2000-6000 question=32-256 output=64-512 rate=10
        b2b                 150 groups x 6,000-token shared context (900k tokens: several replicas' KV),
                            distinct 1,200-token queries, output 1000+-300; groups=150 context=6000 query=1200 rate=5
        multiturn           chat sessions: turns=3-8 system=200-1000 user=32-256 output=64-384 think=10 (s),
                            each turn = previous prompt + answer + new text; rate=10
        one-system-prompt   everyone shares one system=2000 prompt; question=32-512 output=64-512 rate=10
      Generated arrivals are Poisson unless :gamma (cv=4 default, e.g. sharegpt:gamma:cv=4).
      Examples: mooncake, azure-conv, sharegpt:poisson, sharegpt:gamma:cv=4, shared-prefix:groups=16
      Traces are read in place from ../shared/traces (override with --traces DIR).""";

  private Workloads() {}

  /**
   * The workload a spec names.
   *
   * @param traces the directory holding {@code mooncake/}, {@code azure2023/}, ...
   * @throws IllegalArgumentException naming the spec, the bad part and the fix
   */
  public static Workload parse(String spec, Path traces) { return Specs.parse(spec, traces); }

  /**
   * The traces directory: {@code override} if given, else {@code ../shared/traces} from the working
   * directory, or from its parent when run inside a module directory (as Maven runs tests).
   */
  public static Path tracesDir(Path override) {
    if (override != null) return override;
    Path fromModule = Path.of("..", "..", "shared", "traces");
    if (!Files.isDirectory(DEFAULT_TRACES) && Files.isDirectory(fromModule)) return fromModule;
    return DEFAULT_TRACES;
  }

  /** A number as specs and reports print it: no trailing {@code .0}. */
  public static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
