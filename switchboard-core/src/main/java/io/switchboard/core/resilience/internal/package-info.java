/**
 * Immutable states and pure transition functions behind {@link io.switchboard.core.resilience}. Not API:
 * public only so the root package can use them.
 */
package io.switchboard.core.resilience.internal;
