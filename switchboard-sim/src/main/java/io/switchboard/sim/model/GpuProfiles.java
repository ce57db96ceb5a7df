package io.switchboard.sim.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A named set of GPU profiles: the built-in ones ({@code h100}, {@code a100-80}, {@code a100-40}) plus any
 * a user loads from a YAML file of the same shape as {@code gpu-profiles.yaml} (a profile with a built-in
 * name replaces it). Immutable.
 */
public final class GpuProfiles {
  private static final String RESOURCE = "gpu-profiles.yaml";
  private static volatile GpuProfiles builtIn;
  private static volatile JsonNode builtInDefaults;

  private final Map<String, GpuProfile> byName;

  private GpuProfiles(Map<String, GpuProfile> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** The profiles shipped with Switchboard. */
  public static GpuProfiles builtIn() {
    GpuProfiles result = builtIn;
    if (result == null) {
      try (InputStream in = GpuProfiles.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        ProfileYaml.Result parsed = ProfileYaml.read(text, RESOURCE, null);
        builtInDefaults = parsed.defaults();
        result = new GpuProfiles(parsed.profiles());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builtIn = result;
    }
    return result;
  }

  /**
   * The built-in profiles plus those in {@code file}.
   *
   * @throws IllegalArgumentException naming the file, the field and the fix when the file is invalid
   * @throws UncheckedIOException     when the file cannot be read
   */
  public static GpuProfiles load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read GPU profiles from " + file, e);
    }
  }

  /** Like {@link #load} with the YAML text given; {@code source} names it in error messages. */
  public static GpuProfiles parse(String yaml, String source) {
    GpuProfiles base = builtIn();
    Map<String, GpuProfile> merged = new LinkedHashMap<>(base.byName);
    merged.putAll(ProfileYaml.read(yaml, source, builtInDefaults).profiles());
    return new GpuProfiles(merged);
  }

  /** The profile called {@code name}. @throws IllegalArgumentException listing the known names */
  public GpuProfile get(String name) {
    GpuProfile profile = byName.get(name);
    if (profile == null) {
      throw new IllegalArgumentException("unknown GPU profile '" + name + "'; known: " + String.join(", ", names()));
    }
    return profile;
  }

  public Optional<GpuProfile> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Names in file order, built-ins first. */
  public Set<String> names() {
    return byName.keySet();
  }
}
