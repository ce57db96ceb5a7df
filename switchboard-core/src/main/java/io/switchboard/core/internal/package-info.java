/** Strategy implementations behind {@link io.switchboard.core.Strategies}. Not API. */
package io.switchboard.core.internal;
