/**
 * Workloads for replay: loaders for public traces (Mooncake JSONL, Azure CSV, length-only CSVs) and seeded
 * generators (shared-prefix groups, B2B, multi-turn chat, one shared system prompt), all streamed lazily:
 * a request's prompt is a compact {@link io.switchboard.bench.workload.PromptRecipe} whose token ids are produced
 * only when it is sent. Named on the command line by a spec, see {@link io.switchboard.bench.workload.Workloads}.
 */
package io.switchboard.bench.workload;
