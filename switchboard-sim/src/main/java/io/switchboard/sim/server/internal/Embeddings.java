package io.switchboard.sim.server.internal;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deterministic {@code /v1/embeddings}: each input's vector is the normalised sum of one pseudo-random
 * unit-ish vector per token (seeded by the token id), so equal inputs embed equally and inputs that share
 * words lie close together.
 */
final class Embeddings {
  private Embeddings() {}

  static String response(List<int[]> inputs, String model, int dimensions) {
    ObjectNode root = Payloads.JSON.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      ArrayNode vec = item.putArray("embedding");
      for (double x : vector(inputs.get(i), dimensions)) vec.add(x);
      tokens += inputs.get(i).length;
    }
    root.put("model", model);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    return root.toString();
  }

  static double[] vector(int[] tokens, int dimensions) {
    double[] v = new double[dimensions];
    for (int t : tokens) {
      long h = t * 0x9E3779B97F4A7C15L;
      for (int d = 0; d < dimensions; d++) {
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        v[d] += ((h >>> 11) * 0x1.0p-53) * 2 - 1;
      }
    }
    double norm = 0;
    for (double x : v) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm > 0) for (int d = 0; d < dimensions; d++) v[d] = (float) (v[d] / norm);
    return v;
  }
}
