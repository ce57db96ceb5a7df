package io.switchboard.sim;

/** Engine counters with the meaning of vLLM's metrics of the same names (see the simulator model doc). */
public record EngineStats(int running, int waiting, double kvCacheUsage, long prefixCacheHitTokens,
                          long prefixCacheQueryTokens, long preemptions, long finished) {}
