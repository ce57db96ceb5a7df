package io.switchboard.gateway.config.internal;

import java.util.regex.Pattern;

/** Paths into the config as messages spell them: {@code endpoints[1].timeouts.connect}. */
public final class Paths {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private Paths() {}

  public static String child(String parent, String key) {
    String k = PLAIN_KEY.matcher(key).matches() ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    return parent.isEmpty() ? k : parent + "." + k;
  }

  public static String index(String parent, int i) { return parent + "[" + i + "]"; }

  /** The enclosing path, or "" at the root: {@code a.b[2]} -> {@code a.b} -> {@code a}. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
