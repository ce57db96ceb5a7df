/** Implementation of the prefix package: the primitive LRU behind the index and the prefix-only strategy. */
package io.switchboard.core.prefix.internal;
