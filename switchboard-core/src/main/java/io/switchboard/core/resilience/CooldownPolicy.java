package io.switchboard.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an endpoint rests after a 429.
 *
 * @param defaultCooldown used when the response carries no usable hint header
 * @param maxCooldown     upper bound on any hint, so a bogus {@code Retry-After} cannot bench an endpoint
 *                        for a day
 */
public record CooldownPolicy(Duration defaultCooldown, Duration maxCooldown) {
  public static final CooldownPolicy DEFAULTS = new CooldownPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));

  public CooldownPolicy {
    Objects.requireNonNull(defaultCooldown, "defaultCooldown");
    Objects.requireNonNull(maxCooldown, "maxCooldown");
    if (defaultCooldown.isNegative()) throw new IllegalArgumentException("default cooldown must be >= 0, was " + defaultCooldown);
    if (maxCooldown.compareTo(defaultCooldown) < 0) {
      throw new IllegalArgumentException("max cooldown " + maxCooldown + " is shorter than the default " + defaultCooldown);
    }
  }
}
