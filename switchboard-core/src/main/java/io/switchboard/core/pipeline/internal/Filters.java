package io.switchboard.core.pipeline.internal;

import io.switchboard.core.EndpointState;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.pipeline.Signals;
import java.util.List;
import java.util.Map;

/** The filters by name. */
public final class Filters {
  public static final List<String> NAMES = List.of("available", "context-fit", "labels", "bounded-load");

  private Filters() {}

  /**
   * @param params the pipeline parameters: {@code labels} ({@code k=v&k2=v2}) for the label filter,
   *               {@code load-slack} for bounded-load
   */
  public static Filter create(String name, Params params) {
    return switch (name) {
      case "available" -> simple(name, (e, r, s) -> e.hasCapacity());
      case "context-fit" -> simple(name, (e, r, s) -> {
        int window = s.of(e).profile().contextWindow();
        return window == 0 || r.maxTokensNeeded() <= window;
      });
      case "labels" -> {
        Map<String, String> want = params.labels();
        yield simple(name, (e, r, s) -> s.of(e).profile().labels().entrySet().containsAll(want.entrySet()));
      }
      case "bounded-load" -> new BoundedLoad(params.number("load-slack", 0.25));
      default -> throw new IllegalArgumentException("unknown filter '" + name + "'; use one of " + String.join(", ", NAMES));
    };
  }

  private interface Test {
    boolean keep(EndpointState e, RouteRequest r, Signals s);
  }

  private static Filter simple(String name, Test t) {
    return new Filter() {
      @Override public String name() { return name; }

      @Override public boolean keep(EndpointState e, RouteRequest r, Signals s, List<EndpointState> all) { return t.keep(e, r, s); }
    };
  }

  /**
   * Keeps endpoints below the bounded-load cap {@code ceil((1 + slack) x (outstanding + 1) / n)}
   * (Mirrokni, Thorup, Zadimoghaddam 2018), unless that would leave none.
   */
  private record BoundedLoad(double slack) implements Filter {
    @Override public String name() { return "bounded-load"; }

    @Override
    public boolean keep(EndpointState e, RouteRequest r, Signals s, List<EndpointState> all) {
      throw new UnsupportedOperationException("applied to the whole list");
    }

    @Override
    public List<EndpointState> apply(List<EndpointState> in, RouteRequest r, Signals s) {
      long total = 0;
      for (EndpointState e : in) total += e.outstanding();
      long cap = (long) Math.ceil((1 + slack) * (total + 1) / in.size());
      int below = 0;
      for (EndpointState e : in) if (e.outstanding() + 1 <= cap) below++;
      if (below == in.size() || below == 0) return in;
      List<EndpointState> out = new java.util.ArrayList<>(below);
      for (EndpointState e : in) if (e.outstanding() + 1 <= cap) out.add(e);
      return out;
    }
  }
}
