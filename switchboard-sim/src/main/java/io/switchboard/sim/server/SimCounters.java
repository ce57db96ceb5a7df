package io.switchboard.sim.server;

/**
 * What one server has seen on its {@code /v1/*} endpoints (admin, health and metrics are not counted).
 * Every request is in exactly one state: {@code received = inFlight + completed + cancelledByClient + aborted}.
 *
 * @param received          requests that arrived
 * @param inFlight          requests not yet ended and still connected (held and stalled ones included)
 * @param completed         responses the server ended normally (any status)
 * @param cancelledByClient requests whose client closed the connection before the response ended; their
 *                          engine work was cancelled at once
 * @param aborted           requests whose connection the server closed on purpose (reset and cut faults)
 * @param faultsInjected    requests hit by at least one injected fault (rate limits not included)
 * @param rateLimited       requests answered 429 by the RPM/TPM limits
 */
public record SimCounters(long received, long inFlight, long completed, long cancelledByClient, long aborted,
                          long faultsInjected, long rateLimited) {}
