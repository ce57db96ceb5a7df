package io.switchboard.gateway.routing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a prompt's tokens exactly with one of OpenAI's BPE encodings (JTokkit), for groups whose config names a
 * {@code tokenizer}. Chat framing is counted as OpenAI documents it: each message adds 3 tokens plus its role, and
 * the reply is primed with 3 more. Only the text the gateway reads is counted (message contents and text parts, or
 * {@code prompt}): tool definitions and images are not.
 */
public final class Tokenizer {
  /** Framing of one chat message: 3 tokens, plus 1 for its role. */
  static final int PER_MESSAGE = 4;
  /** Tokens that prime the reply after the last message. */
  static final int REPLY_PRIMING = 3;

  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final ConcurrentHashMap<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

  private final String name;
  private final Encoding encoding;

  private Tokenizer(String name, Encoding encoding) {
    this.name = name;
    this.encoding = encoding;
  }

  /**
   * The tokenizer of encoding {@code name} (such as {@code o200k_base}), loaded once per process. The first call for
   * a name reads its vocabulary (megabytes) from the classpath, so it belongs in config loading, never on an event
   * loop. Throws {@link IllegalArgumentException} for a name JTokkit does not know.
   */
  public static Tokenizer of(String name) {
    return LOADED.computeIfAbsent(name, n -> new Tokenizer(n, REGISTRY.getEncoding(n)
        .orElseThrow(() -> new IllegalArgumentException("unknown tokenizer '" + n + "'"))));
  }

  public String name() { return name; }

  /** Tokens of {@code text}, with the framing of {@code messages} chat messages (0 for a completions prompt). */
  public int count(CharSequence text, int messages) {
    int n = text.isEmpty() ? 0 : encoding.countTokensOrdinary(text.toString());
    return messages > 0 ? n + PER_MESSAGE * messages + REPLY_PRIMING : n;
  }
}
