package io.switchboard.gateway.config.internal;

import java.util.regex.Pattern;

/** Model-name globs as the routing table reads them: {@code *} any run of characters, {@code ?} one character. */
public final class Globs {
  private Globs() {}

  public static boolean matches(String glob, String name) {
    return Pattern.compile(regex(glob, "."), Pattern.DOTALL).matcher(name).matches();
  }

  /**
   * Whether every name glob {@code b} matches is also matched by glob {@code a}. Reads b's wildcards as literal
   * characters and matches them against {@code a}, where a's {@code ?} may not stand for b's {@code *} (which
   * can be many characters). Sound: each of a's wildcards then covers whatever b's wildcards expand to.
   */
  public static boolean covers(String a, String b) {
    return Pattern.compile(regex(a, "[^*]"), Pattern.DOTALL).matcher(b).matches();
  }

  private static String regex(String glob, String one) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append(one);
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
