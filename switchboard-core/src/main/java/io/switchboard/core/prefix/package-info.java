/**
 * Prefix-cache affinity: chained hashes of a prompt's fixed-size blocks ({@link io.switchboard.core.prefix.BlockHashes}),
 * a per-endpoint approximate index of the blocks an endpoint probably holds in its KV cache
 * ({@link io.switchboard.core.prefix.PrefixIndex}), and the timing-free cache-replay bound on the hit rate any
 * router could reach ({@link io.switchboard.core.prefix.CacheReplayBound}). Pure Java, no I/O.
 */
package io.switchboard.core.prefix;
