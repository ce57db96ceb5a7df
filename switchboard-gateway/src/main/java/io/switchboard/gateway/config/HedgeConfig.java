package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * Hedged requests: {@code hedge: {delay, max_share}}. When a request's first attempt has no first token (or,
 * not streaming, no complete answer) after {@code delay}, a second attempt goes to another endpoint of the
 * group; the first to get there is relayed and the other cancelled.
 *
 * @param delay    send a second attempt elsewhere when no first token arrived after this long
 * @param maxShare hedges at most this share of the group's requests, in (0, 1]
 */
public record HedgeConfig(Duration delay, double maxShare) {}
