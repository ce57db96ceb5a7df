package io.switchboard.gateway.config;

import io.switchboard.gateway.config.internal.ConfigReader;
import io.switchboard.gateway.config.internal.ImplicitGroups;
import io.switchboard.gateway.config.internal.Node;
import io.switchboard.gateway.config.internal.Problems;
import io.switchboard.gateway.config.internal.Secrets;
import io.switchboard.gateway.config.internal.YamlTree;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a YAML config (format: docs/configuration.md) and checks it in one pass: YAML syntax, unknown keys,
 * types, required fields, values that must parse, unresolvable secrets, then {@link ConfigValidator}'s checks on
 * the records. Returns every problem found, each with the file, line, path and fix, or a valid config.
 *
 * <p>Blocking (file and secret reads): call it off the event loop.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads {@code file}, resolving {@code {env: NAME}} secrets from the process environment. */
  public static LoadResult load(Path file) { return load(file, System::getenv); }

  /** Loads {@code file}, resolving environment secrets through {@code env} (tests pass a map's {@code get}). */
  public static LoadResult load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return unreadable(file, "file not found", "check the path (relative paths are from " + Path.of("").toAbsolutePath() + ")");
    } catch (CharacterCodingException e) {
      return unreadable(file, "not UTF-8 text", "save the file as UTF-8");
    } catch (IOException e) {
      return unreadable(file, "cannot read the file (" + e + ")", "make it readable by the user running switchboard");
    }
    return parse(text, file, env);
  }

  /** Parses YAML text; {@code nameForMessages} names it in problems and anchors relative secret file paths. */
  public static LoadResult parse(String yaml, Path nameForMessages) { return parse(yaml, nameForMessages, System::getenv); }

  public static LoadResult parse(String yaml, Path nameForMessages, Function<String, String> env) {
    Problems problems = new Problems(nameForMessages);
    Node root = YamlTree.read(yaml, problems);
    if (root == null) return new LoadResult.Invalid(problems.errors(), problems.warnings());
    problems.index(root);
    Path dir = nameForMessages == null ? null : nameForMessages.toAbsolutePath().getParent();
    GatewayConfig config = new ConfigReader(nameForMessages, problems, new Secrets(env, dir, problems)).read(root);
    // Not a mapping at all: the reader said so, and every further check would only repeat it.
    if (!(root instanceof Node.MapNode)) return new LoadResult.Invalid(problems.errors(), problems.warnings());
    ConfigValidator.validate(config, problems);
    if (problems.hasErrors()) return new LoadResult.Invalid(problems.errors(), problems.warnings());
    return new LoadResult.Valid(ImplicitGroups.add(config), problems.warnings());
  }

  private static LoadResult unreadable(Path file, String message, String fix) {
    return new LoadResult.Invalid(List.of(new ConfigProblem(file, "", 0, 0, message, fix)), List.of());
  }
}
