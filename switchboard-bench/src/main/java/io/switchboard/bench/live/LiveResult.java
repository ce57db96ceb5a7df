package io.switchboard.bench.live;

import io.switchboard.bench.replay.RunResult;

/**
 * A live run's measurements and how punctual its open-loop client was.
 *
 * @param run             the same measurements a virtual-time run reports
 * @param meanSendLagMs   how late, on average, a measured request was sent after its arrival time: the client's event
 *                        loop waking up late for its timer. On an idle machine a fraction of a millisecond (a Vert.x
 *                        timer rounds to whole milliseconds); more says the stack's event loops were waiting for a
 *                        core, which every hop of a live request pays too. TTFT runs from the actual send, so the
 *                        lag itself is not in it
 * @param maxSendLagMs    the largest such lag
 */
public record LiveResult(RunResult run, double meanSendLagMs, double maxSendLagMs) {}
