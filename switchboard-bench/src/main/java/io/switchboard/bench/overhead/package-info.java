/** {@code switchboard bench overhead}: what the gateway adds to latency and CPU, next to direct calls and nginx. */
package io.switchboard.bench.overhead;
