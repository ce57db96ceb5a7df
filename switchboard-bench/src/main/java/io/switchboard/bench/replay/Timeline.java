package io.switchboard.bench.replay;

import java.util.List;

/**
 * Requests routed to each replica per time bucket of {@code bucketSeconds}, from the start of the run.
 *
 * @param counts {@code counts.get(replica)[bucket]}
 */
public record Timeline(double bucketSeconds, List<long[]> counts) {}
