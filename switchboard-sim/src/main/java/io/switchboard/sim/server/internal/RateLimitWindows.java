package io.switchboard.sim.server.internal;

import io.vertx.core.MultiMap;
import java.util.function.LongSupplier;

/**
 * Provider-style request and token limits: two fixed one-minute windows, each starting at its first use
 * after the previous one expired. A request is admitted only if both windows have room; admitting it
 * charges one request and its token cost (prompt + maximum output, as OpenAI estimates). The limits
 * themselves come from the current {@code Faults} on each call, so they can change at run time.
 * Single-threaded: used only on the server's event loop.
 */
public final class RateLimitWindows {
  private final LongSupplier clock;
  private final long windowNanos;
  private final Window requests = new Window();
  private final Window tokens = new Window();

  /** Outcome of {@link #tryAcquire}: {@code limitedBy} is null when admitted, else "requests" or "tokens". */
  public record Decision(String limitedBy, long used, long limit, long resetNanos) {
    public boolean admitted() {
      return limitedBy == null;
    }
  }

  public RateLimitWindows(LongSupplier clock, long windowNanos) {
    this.clock = clock;
    this.windowNanos = windowNanos;
  }

  public Decision tryAcquire(int tokenCost, int rpm, int tpm) {
    long now = clock.getAsLong();
    requests.roll(now);
    tokens.roll(now);
    if (rpm > 0 && requests.used + 1 > rpm) return new Decision("requests", requests.used, rpm, requests.resetNanos(now));
    if (tpm > 0 && tokens.used + tokenCost > tpm) return new Decision("tokens", tokens.used, tpm, tokens.resetNanos(now));
    requests.charge(now, 1);
    tokens.charge(now, tokenCost);
    return new Decision(null, 0, 0, 0);
  }

  /** Adds the six {@code x-ratelimit-*} headers of each configured limit, as OpenAI sends them. */
  public void addHeaders(MultiMap headers, int rpm, int tpm) {
    long now = clock.getAsLong();
    requests.roll(now);
    tokens.roll(now);
    if (rpm > 0) {
      headers.set("x-ratelimit-limit-requests", Integer.toString(rpm));
      headers.set("x-ratelimit-remaining-requests", Long.toString(Math.max(0, rpm - requests.used)));
      headers.set("x-ratelimit-reset-requests", formatDuration(requests.resetNanos(now)));
    }
    if (tpm > 0) {
      headers.set("x-ratelimit-limit-tokens", Integer.toString(tpm));
      headers.set("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, tpm - tokens.used)));
      headers.set("x-ratelimit-reset-tokens", formatDuration(tokens.resetNanos(now)));
    }
  }

  /** OpenAI's duration format: {@code 6m0s}, {@code 1.5s}, {@code 20ms}. */
  public static String formatDuration(long nanos) {
    long ms = (nanos + 999_999) / 1_000_000;
    if (ms < 1000) return ms + "ms";
    if (ms < 60_000) {
      String s = String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0).replaceAll("0+$", "").replaceAll("\\.$", "");
      return s + "s";
    }
    return (ms / 60_000) + "m" + ((ms % 60_000) / 1000) + "s";
  }

  private final class Window {
    long start = Long.MIN_VALUE;
    long used;

    void roll(long now) {
      if (start != Long.MIN_VALUE && now - start >= windowNanos) {
        start = Long.MIN_VALUE;
        used = 0;
      }
    }

    void charge(long now, long amount) {
      if (start == Long.MIN_VALUE) start = now;
      used += amount;
    }

    long resetNanos(long now) {
      return start == Long.MIN_VALUE ? 0 : Math.max(0, start + windowNanos - now);
    }
  }
}
