package io.switchboard.bench.report;

import io.switchboard.bench.replay.RunResult;
import io.switchboard.bench.replay.Sweep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The runs of one (policy, load) point across seeds, summarised by median, min and max. */
public record Aggregate(String policy, double load, double rateRps, List<RunResult> runs) {

  /** Groups cells by (policy, load or rate) in sweep order. */
  public static List<Aggregate> of(List<Sweep.Cell> cells) {
    List<Aggregate> out = new ArrayList<>();
    for (Sweep.Cell c : cells) {
      Aggregate last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.policy.equals(c.policy()) && last.rateRps == c.rateRps()) {
        last.runs.add(c.run());
      } else {
        List<RunResult> runs = new ArrayList<>();
        runs.add(c.run());
        out.add(new Aggregate(c.policy(), c.load(), c.rateRps(), runs));
      }
    }
    return out;
  }

  public double median(ToDoubleFunction<RunResult> metric) {
    double[] v = values(metric);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  public double min(ToDoubleFunction<RunResult> metric) { return values(metric)[0]; }

  public double max(ToDoubleFunction<RunResult> metric) { double[] v = values(metric); return v[v.length - 1]; }

  /** The load if the sweep had loads, else the rate: the x axis of the plots. */
  public double x() { return Double.isNaN(load) ? rateRps : load; }

  private double[] values(ToDoubleFunction<RunResult> metric) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) v[i] = metric.applyAsDouble(runs.get(i));
    Arrays.sort(v);
    return v;
  }
}
