package io.switchboard.sim.server.internal;

import java.util.Arrays;

/**
 * The simulator's deterministic tokeniser: one token per whitespace-separated word, its id a stable
 * 31-bit FNV-1a hash of the word. Equal text gives equal ids, so prompts that share a prefix of words
 * share a prefix of tokens (and of KV blocks in the engine). Output text is drawn from a fixed word list
 * by token position, so every run prints the same answer.
 */
public final class Tokenizer {

  private static final String[] WORDS = {
      "the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "and", "then", "runs", "far",
      "away", "into", "green", "hills", "where", "simulated", "tokens", "flow", "like", "water", "."};

  private int[] ids = new int[32];
  private int size;

  /** Appends the tokens of {@code text}. */
  public Tokenizer addText(String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
      if (i > start) add(wordId(text, start, i));
    }
    return this;
  }

  /** Appends one token that marks a chat role, e.g. {@code <|user|>}. */
  public Tokenizer addRole(String role) {
    String marker = "<|" + role + "|>";
    return add(wordId(marker, 0, marker.length()));
  }

  /** Appends an id as given (prompts sent as token arrays). */
  public Tokenizer add(int id) {
    if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
    ids[size++] = id;
    return this;
  }

  public int size() {
    return size;
  }

  public int[] toArray() {
    return Arrays.copyOf(ids, size);
  }

  /** Counts the tokens of {@code text} without keeping them. */
  public static int count(String text) {
    return new Tokenizer().addText(text).size();
  }

  /** The text of output tokens {@code [from, from + count)}; every token but the very first has a leading space. */
  public static String outputText(int from, int count) {
    StringBuilder sb = new StringBuilder(count * 6);
    for (int i = from; i < from + count; i++) {
      if (i > 0) sb.append(' ');
      sb.append(WORDS[i % WORDS.length]);
    }
    return sb.toString();
  }

  static int wordId(CharSequence s, int start, int end) {
    int h = 0x811c9dc5;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * 0x01000193;
      h = (h ^ (c >>> 8)) * 0x01000193;
    }
    return h & 0x7fffffff;
  }
}
