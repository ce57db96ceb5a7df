package io.switchboard.gateway.internal;

import io.switchboard.gateway.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks a client's bearer token against the configured keys in constant time: every key is compared
 * with {@link MessageDigest#isEqual} (time independent of the content) and the loop never exits early,
 * so timing reveals neither a key nor which one matched. The keys' bytes are computed once per config.
 */
final class AuthKeys {
  /** What {@link #check} returns when authentication is off. */
  static final String OPEN = "";

  private record Compiled(AuthConfig config, byte[][] keys, String[] names) {}

  private volatile Compiled compiled;

  /**
   * The matching key's name, {@link #OPEN} when no keys are configured, or null when the header is
   * missing or matches no key.
   */
  String check(AuthConfig auth, String authorization) {
    if (auth.keys().isEmpty()) return OPEN;
    if (authorization == null || authorization.length() <= 7
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    Compiled c = compiledFor(auth);
    int match = -1;
    for (int i = 0; i < c.keys.length; i++) {
      if (MessageDigest.isEqual(given, c.keys[i])) match = i;
    }
    return match < 0 ? null : c.names[match];
  }

  private Compiled compiledFor(AuthConfig auth) {
    Compiled c = compiled;
    if (c != null && c.config == auth) return c;
    int n = auth.keys().size();
    byte[][] keys = new byte[n][];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = auth.keys().get(i).key().value().getBytes(StandardCharsets.UTF_8);
      names[i] = auth.keys().get(i).name();
    }
    c = new Compiled(auth, keys, names);
    compiled = c;
    return c;
  }
}
