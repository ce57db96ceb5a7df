package io.switchboard.gateway.config.internal;

import io.switchboard.gateway.config.Secret;
import io.switchboard.gateway.config.internal.Node.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves a secret written as {@code {env: NAME}}, {@code {file: PATH}} (read as UTF-8, surrounding whitespace
 * trimmed; a relative path is taken from the config file's directory) or an inline string. Problems name the
 * variable or file, never the value.
 */
public final class Secrets {
  private static final Set<String> KEYS = Set.of("env", "file");
  private static final String EXAMPLE = "{env: NAME} or {file: /run/secrets/name}";

  private final Function<String, String> env;
  private final Path baseDir;
  private final Problems problems;

  public Secrets(Function<String, String> env, Path baseDir, Problems problems) {
    this.env = env;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  /** The secret at {@code path}, or null when absent or unusable (then a problem says why). */
  public Secret read(Node node, String path) {
    if (node == null) return null;
    if (node instanceof Scalar s && !s.isNull()) {
      if (s.text().isBlank()) {
        problems.error(path, node.mark(), "the secret is empty", "write " + EXAMPLE);
        return null;
      }
      problems.warn(path, "secret written inline in the config file",
          "prefer " + EXAMPLE + " so the file can be shared without the key");
      return new Secret(s.text(), "inline");
    }
    Fields f = Fields.of(node, path, problems, KEYS, EXAMPLE);
    if (f.has("env") == f.has("file")) {
      if (node instanceof Node.MapNode) {
        problems.error(path, node.mark(), "a secret needs exactly one of 'env' or 'file'", "write " + EXAMPLE);
      }
      return null;
    }
    return f.has("env") ? fromEnv(f.string("env", null), path, node) : fromFile(f.string("file", null), path, node);
  }

  private Secret fromEnv(String name, String path, Node node) {
    if (name == null) return null;
    String value = env.apply(name);
    if (value == null) {
      problems.error(path, node.mark(), "environment variable " + name + " is not set",
          "set it in the gateway's environment, or read the secret from a file with {file: PATH}");
      return null;
    }
    if (value.isBlank()) {
      problems.error(path, node.mark(), "environment variable " + name + " is empty", "give it the secret's value");
      return null;
    }
    return new Secret(value, "env " + name);
  }

  private Secret fromFile(String name, String path, Node node) {
    if (name == null) return null;
    Path file = baseDir == null ? Path.of(name) : baseDir.resolve(name);
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        problems.error(path, node.mark(), "secret file " + file + " is empty", "write the secret into it");
        return null;
      }
      return new Secret(value, "file " + file);
    } catch (NoSuchFileException e) {
      problems.error(path, node.mark(), "secret file " + file + " does not exist",
          "create it, or fix the path (a relative path is read from the config file's directory)");
    } catch (IOException | RuntimeException e) {
      problems.error(path, node.mark(), "cannot read secret file " + file + " (" + e + ")",
          "make it readable by the user running the gateway");
    }
    return null;
  }
}
