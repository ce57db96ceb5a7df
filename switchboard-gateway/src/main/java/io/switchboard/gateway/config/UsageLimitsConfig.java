package io.switchboard.gateway.config;

/**
 * An endpoint's own budget, enforced by the gateway before it sends (estimated tokens: prompt + max
 * output) and corrected with the usage the response reports: {@code limits: {rpm, tpm}}.
 *
 * @param rpm requests per minute; 0 means no limit
 * @param tpm tokens per minute; 0 means no limit
 */
public record UsageLimitsConfig(long rpm, long tpm) {
  public static final UsageLimitsConfig NONE = new UsageLimitsConfig(0, 0);
}
