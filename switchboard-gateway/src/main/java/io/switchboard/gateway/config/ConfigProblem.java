package io.switchboard.gateway.config;

import java.nio.file.Path;

/**
 * One thing wrong with a configuration, and what to do about it. {@link #toString()} is the line users see:
 * <pre>
 * switchboard.yaml:21:7: groups[0].endpoints[2]: unknown endpoint 'vllm-3'; define it under endpoints or remove it (known: vllm-1, vllm-2)
 * </pre>
 *
 * @param file     the file, as the user named it; null for a config that did not come from a file
 * @param path     where in the config, e.g. {@code endpoints[1].url}; empty for the whole file
 * @param line     1-based line in the file, 0 when unknown (a default that was not written, say)
 * @param column   1-based column, 0 when unknown
 * @param message  what is wrong
 * @param fix      what to do about it
 */
public record ConfigProblem(Path file, String path, int line, int column, String message, String fix) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file == null ? "<config>" : file.toString());
    if (line > 0) sb.append(':').append(line);
    if (line > 0 && column > 0) sb.append(':').append(column);
    sb.append(": ");
    if (!path.isEmpty()) sb.append(path).append(": ");
    sb.append(message);
    if (fix != null && !fix.isEmpty()) sb.append("; ").append(fix);
    return sb.toString();
  }
}
