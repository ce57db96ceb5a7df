/** The loopback stack (simulated servers + gateway), the open-loop streaming client and its SSE reader. */
package io.switchboard.bench.live.internal;
