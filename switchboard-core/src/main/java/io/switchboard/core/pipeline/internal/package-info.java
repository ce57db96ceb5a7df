/** Filters, scorers, pickers and the online models behind {@link io.switchboard.core.pipeline.Pipeline}. Not API. */
package io.switchboard.core.pipeline.internal;
