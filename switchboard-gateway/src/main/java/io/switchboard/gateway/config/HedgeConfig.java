package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * Hedged requests: {@code hedge: {delay, max_share}}. Read and validated, not acted on yet (the gateway
 * warns when it is set).
 *
 * @param delay    send a second attempt elsewhere when no first token arrived after this long
 * @param maxShare hedges at most this share of the group's requests, in (0, 1]
 */
public record HedgeConfig(Duration delay, double maxShare) {}
