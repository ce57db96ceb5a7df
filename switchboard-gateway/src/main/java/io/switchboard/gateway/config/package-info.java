/**
 * Gateway configuration as data: records read from YAML, one validator whose messages name the file, the
 * path in it and the fix, and the reloader that builds, validates and swaps a new configuration whole.
 */
package io.switchboard.gateway.config;
