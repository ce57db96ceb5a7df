/** The individual trace loaders and generators behind {@link io.switchboard.bench.workload.Workloads}. */
package io.switchboard.bench.workload.internal;
