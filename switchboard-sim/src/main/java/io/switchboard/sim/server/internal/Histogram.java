package io.switchboard.sim.server.internal;

/** A Prometheus histogram with fixed upper bounds (seconds). Single-threaded: the event loop only. */
final class Histogram {
  private final String name;
  private final String help;
  private final double[] bounds;
  private final long[] counts;
  private long count;
  private double sum;

  Histogram(String name, String help, double... bounds) {
    this.name = name;
    this.help = help;
    this.bounds = bounds.clone();
    this.counts = new long[bounds.length];
  }

  void observe(double value) {
    for (int i = 0; i < bounds.length; i++) if (value <= bounds[i]) counts[i]++;
    count++;
    sum += value;
  }

  long count() {
    return count;
  }

  void render(StringBuilder out, String labels) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    for (int i = 0; i < bounds.length; i++) bucket(out, labels, Double.toString(bounds[i]), counts[i]);
    bucket(out, labels, "+Inf", count);
    out.append(name).append("_sum{").append(labels).append("} ").append(sum).append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append((double) count).append('\n');
  }

  private void bucket(StringBuilder out, String labels, String le, long n) {
    out.append(name).append("_bucket{le=\"").append(le).append("\",").append(labels).append("} ").append((double) n).append('\n');
  }
}
