package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * How a group's streams are protected: {@code stream: {hold_first_token_bytes, hold_first_token_timeout,
 * continue_on_failure}}. The gateway holds back the response head and the first events until the first
 * content token arrives, so a failure before it (an error status, a reset, a first-token timeout, a
 * malformed event, a stream cut before any content) fails over to another endpoint unseen by the client.
 *
 * @param holdFirstTokenBytes   most bytes held back; past it the stream is released as it is
 * @param holdFirstTokenTimeout longest hold; past it the stream is released and the endpoint's
 *                              {@code first_byte} timeout still applies
 * @param continueOnFailure     when a stream breaks after content reached the client (cut, stall, malformed
 *                              event), continue the answer on another endpoint of the group (or its fallbacks)
 *                              with the partial answer as an assistant prefix, within the retry attempts;
 *                              when that is impossible or refused, the stream ends with its error event
 */
public record StreamConfig(int holdFirstTokenBytes, Duration holdFirstTokenTimeout, boolean continueOnFailure) {
  public static final StreamConfig DEFAULT = new StreamConfig(64 * 1024, Duration.ofSeconds(30), false);
}
