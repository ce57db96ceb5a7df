package io.switchboard.gateway.config.internal;

import java.util.Collection;

/** "Did you mean" for misspelt keys and names: the closest candidate by edit distance, if close enough. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate nearest to {@code typo}, or null when none is within a third of its length (at least one edit),
   * or the nearest differs in every character ("b" is not a typo of "a").
   */
  public static String closest(String typo, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String t = typo.toLowerCase().replace('-', '_');
    for (String c : candidates) {
      int d = distance(t, c.toLowerCase().replace('-', '_'));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, typo.length() / 3);
    return bestDistance <= allowed && bestDistance < typo.length() ? best : null;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent swaps: "prot" is one edit from "port"). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
