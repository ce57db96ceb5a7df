package io.switchboard.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal line chart as inline SVG: linear x, linear or log10 y, one polyline (with point markers) per
 * series, an optional dashed reference line, a legend. No scripts, no external resources.
 */
final class SvgChart {
  static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int W = 560, H = 320, L = 64, R = 150, T = 30, B = 44;

  record Series(String name, double[] x, double[] y) {}

  private final String title, xLabel, yLabel;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();
  private double refY = Double.NaN;
  private String refLabel;
  private boolean markers = true;
  private boolean logX;

  SvgChart(String title, String xLabel, String yLabel, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logY = logY;
  }

  SvgChart add(Series s) { series.add(s); return this; }

  SvgChart reference(double y, String label) { refY = y; refLabel = label; return this; }

  SvgChart noMarkers() { markers = false; return this; }

  /** A log10 x axis, for latency distributions whose tail would squash the body. */
  SvgChart logX() { logX = true; return this; }

  String render() {
    double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        double x = tx(s.x[i]);
        if (!Double.isFinite(x)) continue;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        double y = ty(s.y[i]);
        if (Double.isFinite(y)) {
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (!Double.isNaN(refY)) {
      y0 = Math.min(y0, ty(refY));
      y1 = Math.max(y1, ty(refY));
    }
    if (!Double.isFinite(x0)) { x0 = 0; x1 = 1; }
    if (!Double.isFinite(y0)) { y0 = 0; y1 = 1; }
    if (!logY) y0 = Math.min(0, y0);
    if (x1 == x0) { x1 = x0 + 1; }
    if (y1 == y0) { y1 = y0 + 1; }
    if (logY) { y0 = Math.floor(y0); y1 = Math.ceil(y1); } else { y1 += 0.05 * (y1 - y0); } // headroom for labels
    StringBuilder sb = new StringBuilder();
    sb.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", W, H, W, H));
    sb.append(f("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", L, esc(title)));
    int pw = W - L - R, ph = H - T - B;
    sb.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", L, T, pw, ph));
    for (int i = 0; i <= 4; i++) {
      double xv = x0 + (x1 - x0) * i / 4, px = L + pw * i / 4.0;
      sb.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, T + ph + 14, num(logX ? Math.pow(10, xv) : xv)));
      double yv = y0 + (y1 - y0) * i / 4, py = T + ph - ph * i / 4.0;
      sb.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", L, L + pw, py, py));
      sb.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", L - 4, py + 4, num(logY ? Math.pow(10, yv) : yv)));
    }
    sb.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", L + pw / 2, H - 6, esc(xLabel + (logX ? " (log)" : ""))));
    sb.append(f("<text x=\"12\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">%s</text>%n", T + ph / 2, T + ph / 2,
        esc(yLabel + (logY ? " (log)" : ""))));
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String color = COLORS[k % COLORS.length];
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < s.x.length; i++) {
        double y = ty(s.y[i]), x = tx(s.x[i]);
        if (!Double.isFinite(y) || !Double.isFinite(x)) continue;
        double px = L + pw * (x - x0) / (x1 - x0), py = T + ph - ph * (y - y0) / (y1 - y0);
        pts.append(f("%.1f,%.1f ", px, py));
        if (markers) sb.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", px, py, color));
      }
      sb.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", color, pts.toString().trim()));
      sb.append(f("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", W - R + 10, T + 14 * k, color));
      sb.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", W - R + 24, T + 14 * k + 9, esc(s.name)));
    }
    if (!Double.isNaN(refY)) {
      double py = T + ph - ph * (ty(refY) - y0) / (y1 - y0);
      sb.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"5,4\"/>%n", L, L + pw, py, py));
      double labelY = py - 4 < T + 12 ? py + 12 : py - 4; // below the line when it runs along the top
      sb.append(f("<text x=\"%d\" y=\"%.1f\">%s</text>%n", L + 4, labelY, esc(refLabel)));
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  private double tx(double x) { return logX ? (x > 0 ? Math.log10(x) : Double.NaN) : x; }

  private double ty(double y) { return logY ? (y > 0 ? Math.log10(y) : Double.NaN) : y; }

  private static String num(double v) {
    double a = Math.abs(v);
    if (a == 0) return "0";
    if (a >= 1000) return f("%.0f", v);
    if (a >= 10) return f("%.1f", v);
    if (a >= 0.1) return f("%.2f", v);
    return f("%.3g", v);
  }

  static String esc(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"); }

  private static String f(String fmt, Object... args) { return String.format(Locale.ROOT, fmt, args); }
}
