package io.switchboard.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A routing pipeline as data, the shape the gateway's YAML maps onto:
 * <pre>
 * filters: [available, context-fit, bounded-load]
 * scorers: [{name: predicted-latency, weight: 1}, {name: token-load, weight: 0.5}]
 * picker: max
 * params: {epsilon: "0.01"}
 * </pre>
 * Names are checked when the pipeline is built ({@link Pipeline#create}), with a message listing the valid ones.
 *
 * @param name    what receipts call it, e.g. {@code smart}
 * @param filters filter names, applied in order
 * @param scorers scorers with their weights; the total score is the weighted mean
 * @param picker  {@code max} (highest total, random tie-break, optional {@code epsilon}), {@code softmax}
 *                ({@code temperature}) or {@code weighted} (share = total x endpoint weight; {@code sticky=true}
 *                keeps one affinity key on one endpoint)
 * @param params  tuning values by name, as text (see {@link Pipeline} for the list)
 */
public record PipelineSpec(String name, List<String> filters, List<ScorerSpec> scorers, String picker,
                           Map<String, String> params) {

  /** One scorer and its weight (>= 0). */
  public record ScorerSpec(String name, double weight) {
    public ScorerSpec {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("scorer '" + name + "': weight must be a finite number >= 0, was " + weight);
      }
    }
  }

  public PipelineSpec {
    filters = List.copyOf(filters);
    scorers = List.copyOf(scorers);
    params = Map.copyOf(params);
  }

  /** The same pipeline under another name. */
  public PipelineSpec named(String newName) { return new PipelineSpec(newName, filters, scorers, picker, params); }

  /** A single scorer alone behind the default filters and the max picker: each scorer as a policy. */
  public static PipelineSpec single(String scorer) {
    return new PipelineSpec(scorer, List.of("available", "context-fit"), List.of(new ScorerSpec(scorer, 1)), "max", Map.of());
  }

  /**
   * Parses the compact text form used on command lines: {@code pipeline/KEY=VALUE/...} where {@code scorers}
   * is {@code NAME*WEIGHT+NAME...} (weight 1 when omitted), {@code filters} is {@code NAME+NAME}, {@code picker}
   * a picker name, and any other key a parameter. Example:
   * {@code pipeline/scorers=predicted-latency+prefix*0.5/picker=max/epsilon=0.01}.
   */
  public static PipelineSpec parse(String text) {
    String[] parts = text.split("/");
    List<String> filters = List.of("available", "context-fit");
    List<ScorerSpec> scorers = new ArrayList<>();
    String picker = "max";
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("'" + parts[i] + "' in pipeline '" + text + "': expected KEY=VALUE");
      String k = parts[i].substring(0, eq), v = parts[i].substring(eq + 1);
      switch (k) {
        case "filters" -> filters = v.isEmpty() ? List.of() : List.of(v.split("\\+"));
        case "picker" -> picker = v;
        case "scorers" -> {
          for (String s : v.split("\\+")) {
            int star = s.indexOf('*');
            try {
              scorers.add(star < 0 ? new ScorerSpec(s, 1) : new ScorerSpec(s.substring(0, star), Double.parseDouble(s.substring(star + 1))));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("scorer '" + s + "' in pipeline '" + text + "': weight is not a number");
            }
          }
        }
        default -> params.put(k, v);
      }
    }
    return new PipelineSpec(text, filters, scorers, picker, params);
  }
}
