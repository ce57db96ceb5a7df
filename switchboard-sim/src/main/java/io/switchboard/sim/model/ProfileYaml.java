package io.switchboard.sim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and validates a GPU profile file. A field is looked up in the profile's own block, then in the
 * file's {@code defaults}, then in the inherited (built-in) defaults. Every problem is reported at once,
 * each message naming the file, the field's path and the fix.
 */
final class ProfileYaml {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Set<String> TOP = Set.of("defaults", "profiles");
  private static final Set<String> BLOCKS = Set.of("model", "calibration", "memory");
  private static final Set<String> PROFILE = Set.of("description", "peakTflops", "hbmTBps", "memory", "kvBlocks",
      "maxNumSeqs", "maxNumBatchedTokens", "model", "calibration");
  private static final Set<String> MODEL = Set.of("name", "layers", "hiddenSize", "kvBytesPerToken", "linearParams",
      "weightBytes", "weightsGiB");
  private static final Set<String> CALIBRATION = Set.of("mfuLinear", "mfuAttention", "effWeights", "effKv",
      "stepOverheadMs", "perSeqOverheadUs", "apiOverheadMs");
  private static final Set<String> MEMORY = Set.of("visibleGiB", "utilization", "activationGiB", "otherGiB");

  record Result(Map<String, GpuProfile> profiles, JsonNode defaults) {}

  private final String source;
  private final List<String> errors = new ArrayList<>();

  private ProfileYaml(String source) {
    this.source = source;
  }

  static Result read(String text, String source, JsonNode inheritedDefaults) {
    ProfileYaml reader = new ProfileYaml(source);
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    Result result = reader.read(root, inheritedDefaults == null ? MissingNode.getInstance() : inheritedDefaults);
    if (!reader.errors.isEmpty()) {
      throw new IllegalArgumentException("invalid GPU profiles in " + source + ":\n  " + String.join("\n  ", reader.errors));
    }
    return result;
  }

  private Result read(JsonNode root, JsonNode inherited) {
    Map<String, GpuProfile> profiles = new LinkedHashMap<>();
    if (root == null || !root.isObject()) {
      errors.add("the file must be a mapping with a 'profiles' key");
      return new Result(profiles, inherited);
    }
    unknownKeys(root, TOP, "");
    JsonNode defaults = root.path("defaults");
    unknownKeys(defaults, BLOCKS, "defaults.");
    JsonNode list = root.path("profiles");
    if (!list.isObject() || list.isEmpty()) {
      errors.add("profiles: missing or empty; add a mapping of profile name to profile, e.g. 'profiles: {my-gpu: {...}}'");
      return new Result(profiles, inherited);
    }
    for (Map.Entry<String, JsonNode> entry : list.properties()) {
      GpuProfile profile = profile(entry.getKey(), entry.getValue(), defaults, inherited);
      if (profile != null) profiles.put(entry.getKey(), profile);
    }
    return new Result(profiles, defaults.isObject() ? defaults : inherited);
  }

  private GpuProfile profile(String name, JsonNode node, JsonNode defaults, JsonNode inherited) {
    String path = "profiles." + name + ".";
    if (!node.isObject()) {
      errors.add(path.substring(0, path.length() - 1) + ": must be a mapping of fields");
      return null;
    }
    int before = errors.size();
    unknownKeys(node, PROFILE, path);
    unknownKeys(node.path("model"), MODEL, path + "model.");
    unknownKeys(node.path("calibration"), CALIBRATION, path + "calibration.");
    unknownKeys(node.path("memory"), MEMORY, path + "memory.");
    Scope model = new Scope(path + "model.", node.path("model"), defaults.path("model"), inherited.path("model"));
    Scope cal = new Scope(path + "calibration.", node.path("calibration"), defaults.path("calibration"),
        inherited.path("calibration"));
    Scope mem = new Scope(path + "memory.", node.path("memory"), defaults.path("memory"), inherited.path("memory"));
    Scope top = new Scope(path, node);

    String modelName = model.text("name", "name the served model, e.g. llama-3.1-8b");
    double layers = model.number("layers", 1, 1e4, "the model's transformer layer count (32 for Llama-3.1-8B)");
    double hidden = model.number("hiddenSize", 1, 1e6, "the model dimension d (4096 for Llama-3.1-8B)");
    double kvBytes = model.number("kvBytesPerToken", 1, 1e9, "KV bytes per token over all layers (131072)");
    double params = model.number("linearParams", 1, 1e14, "parameters in linear layers, e.g. 6.98e9");
    double weightBytes = model.number("weightBytes", 1, 1e14, "bytes of weights read per step, e.g. 16.06e9");
    double weightsGiB = model.number("weightsGiB", 0, 1e5, "GiB the weights occupy, e.g. 14.99");

    double mfuLin = cal.number("mfuLinear", 1e-6, 1, "a fraction in (0, 1], e.g. 0.60");
    double mfuAttn = cal.number("mfuAttention", 1e-6, 1, "a fraction in (0, 1], e.g. 0.50");
    double effW = cal.number("effWeights", 1e-6, 1, "a fraction in (0, 1], e.g. 0.80");
    double effKv = cal.number("effKv", 1e-6, 1, "a fraction in (0, 1], e.g. 0.50");
    double stepMs = cal.number("stepOverheadMs", 0, 1e4, "milliseconds of CPU time per step, e.g. 0.5");
    double seqUs = cal.number("perSeqOverheadUs", 0, 1e6, "microseconds per scheduled sequence, e.g. 5");
    double apiMs = cal.number("apiOverheadMs", 0, 1e5, "milliseconds added to every reported token, e.g. 8");

    double tflops = top.number("peakTflops", 1e-3, 1e6, "the GPU's dense BF16 peak in TFLOPS, e.g. 989 for H100-SXM");
    double tbps = top.number("hbmTBps", 1e-3, 1e4, "the HBM bandwidth in TB/s, e.g. 3.35 for H100-SXM");
    double seqs = top.number("maxNumSeqs", 1, 1e6, "vLLM max_num_seqs, e.g. 256");
    double batched = top.number("maxNumBatchedTokens", 1, 1e8, "vLLM max_num_batched_tokens, e.g. 2048");
    JsonNode description = node.path("description");

    double kvBlocks = Double.NaN;
    double visible = Double.NaN, util = Double.NaN, act = Double.NaN, other = Double.NaN;
    if (node.has("kvBlocks")) {
      kvBlocks = top.number("kvBlocks", 1, Integer.MAX_VALUE, "the KV pool size in 16-token blocks");
    } else {
      visible = mem.number("visibleGiB", 1e-3, 1e5, "GiB of GPU memory visible to vLLM (79.2 on 80 GB cards), "
          + "or set " + path + "kvBlocks instead");
      util = mem.number("utilization", 1e-3, 1, "vLLM gpu_memory_utilization, e.g. 0.9");
      act = mem.number("activationGiB", 0, 1e5, "GiB of peak activations, e.g. 1.72");
      other = mem.number("otherGiB", 0, 1e5, "GiB of other non-KV memory, e.g. 0.35");
    }
    if (errors.size() > before) return null;

    try {
      ModelSpec spec = new ModelSpec(modelName, (int) layers, (int) hidden, (long) kvBytes, params, weightBytes,
          weightsGiB);
      Calibration calibration = new Calibration(mfuLin, mfuAttn, effW, effKv, stepMs / 1e3, seqUs / 1e6,
          apiMs / 1e3);
      int blocks = Double.isNaN(kvBlocks) ? GpuProfile.kvBlocksFor(visible, util, act, other, spec) : (int) kvBlocks;
      return new GpuProfile(name, description.isString() ? description.stringValue() : name, tflops * 1e12,
          tbps * 1e12, blocks, (int) seqs, (int) batched, spec, calibration);
    } catch (IllegalArgumentException e) {
      errors.add(path.substring(0, path.length() - 1) + ": " + e.getMessage());
      return null;
    }
  }

  private void unknownKeys(JsonNode node, Set<String> allowed, String path) {
    if (node.isMissingNode()) return;
    if (!node.isObject()) {
      errors.add(path.substring(0, path.length() - 1) + ": must be a mapping");
      return;
    }
    for (String key : node.propertyNames()) {
      if (!allowed.contains(key)) {
        errors.add(path + key + ": unknown field; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  /** Where one block's fields are looked up, most specific first; {@code path} is the most specific one's. */
  private final class Scope {
    private final String path;
    private final JsonNode[] nodes;

    Scope(String path, JsonNode... nodes) {
      this.path = path;
      this.nodes = nodes;
    }

    private JsonNode find(String key) {
      for (JsonNode node : nodes) {
        JsonNode value = node.path(key);
        if (!value.isMissingNode() && !value.isNull()) return value;
      }
      return null;
    }

    double number(String key, double min, double max, String fix) {
      JsonNode value = find(key);
      if (value == null) {
        errors.add(path + key + ": missing; set " + fix);
        return Double.NaN;
      }
      double x;
      if (value.isNumber()) {
        x = value.doubleValue();
      } else {
        try {
          x = Double.parseDouble(value.asString().trim().replace("_", ""));
        } catch (NumberFormatException e) {
          errors.add(path + key + ": '" + value.asString() + "' is not a number; set " + fix);
          return Double.NaN;
        }
      }
      if (!(x >= min && x <= max)) {
        errors.add(path + key + ": " + x + " is out of range [" + min + ", " + max + "]; set " + fix);
        return Double.NaN;
      }
      return x;
    }

    String text(String key, String fix) {
      JsonNode value = find(key);
      if (value == null || !value.isString() || value.stringValue().isBlank()) {
        errors.add(path + key + ": missing; " + fix);
        return null;
      }
      return value.stringValue();
    }
  }
}
