/**
 * The routing pipeline of a model group: filters, then weighted scorers, then a picker, composed from plain
 * data ({@link io.switchboard.core.pipeline.PipelineSpec}) and run by {@link io.switchboard.core.pipeline.Pipeline}.
 * The learned signals it reads (pending prefill, latency averages, TTFT predictors, prefix indexes) live in
 * {@link io.switchboard.core.pipeline.Signals}, keyed by endpoint id so they survive config reloads. Pure Java,
 * no I/O.
 */
package io.switchboard.core.pipeline;
