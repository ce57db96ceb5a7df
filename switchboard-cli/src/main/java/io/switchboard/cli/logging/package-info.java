/** Logging plumbing of the {@code switchboard} command: appenders referenced from {@code logback.xml}. */
package io.switchboard.cli.logging;
