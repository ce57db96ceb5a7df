package io.switchboard.bench.replay;

import java.util.List;

/**
 * The measurements of one replay run, after the warm-up: vLLM benchmark definitions (TTFT = send to first
 * token; TPOT = (E2E - TTFT) / (output - 1), skipping one-token outputs; ITL = every gap between token
 * deliveries; E2E = send to last token).
 *
 * @param requests          measured requests that finished
 * @param durationSeconds   from the first measured arrival to the last measured completion
 * @param throughputRps     requests / duration
 * @param outputTokensPerS  output tokens of measured requests / duration
 * @param goodputRps        measured requests meeting the SLO / duration
 * @param sloAttainment     share of measured requests meeting the SLO, 0..1
 * @param prefixHitRate     engine prefix-cache hit tokens / query tokens, summed over replicas, after warm-up
 * @param maxMeanLoad       max / mean of measured requests routed per replica (1 = perfect balance)
 * @param maxMeanTokens     the same for prompt + output tokens routed
 * @param preemptions       engine preemptions after warm-up
 * @param errors            requests that could not be routed or never finished
 * @param routedPerReplica  measured requests routed to each replica
 * @param timeline          requests routed per replica over time (all requests, warm-up included)
 * @param ttftCdf           TTFT quantiles in ms at 1%, 2%, ..., 100% for plotting a CDF
 * @param meanWaiting       engine waiting-queue length per replica, averaged over scrapes after warm-up
 * @param ttftMape          mean absolute percentage error of the policy's predicted TTFT for its pick against the
 *                          TTFT the router then observed, 0..; 0 when the policy predicts nothing
 * @param ttftPredictions   measured requests with a predicted TTFT behind {@code ttftMape}; 0 for policies that
 *                          predict nothing
 * @param keptUp            completions (of any request) between the middle and the last measured arrival, over the
 *                          arrivals in that window: about 1 while the replicas keep up, and
 *                          below 1 by the backlog's growth per arrival when queues grow without bound (service
 *                          rate / arrival rate); NaN when not measured (live runs)
 * @param tpotMape          mean absolute percentage error of the policy's predicted TPOT for its pick against the
 *                          request's TPOT (measured requests with more than one output token); 0 when none
 * @param tpotPredictions   measured requests behind {@code tpotMape}; 0 for policies that predict nothing
 * @param receipts          the full routing receipts of the sampled requests ({@link ReplayConfig#receipts()}), each
 *                          with the request and its observed TTFT; empty when none were asked for
 */
public record RunResult(Summary ttftMs, Summary tpotMs, Summary itlMs, Summary e2eMs, long requests,
                        double durationSeconds, double throughputRps, double outputTokensPerS, double goodputRps,
                        double sloAttainment, double prefixHitRate, double maxMeanLoad, double maxMeanTokens,
                        long preemptions, long errors, long[] routedPerReplica, Timeline timeline,
                        double[] ttftCdf, double meanWaiting, double ttftMape, long ttftPredictions, double keptUp,
                        double tpotMape, long tpotPredictions, List<String> receipts) {}
