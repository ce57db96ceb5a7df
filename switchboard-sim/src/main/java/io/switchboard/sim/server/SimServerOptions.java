package io.switchboard.sim.server;

import io.switchboard.sim.Engine;
import io.switchboard.sim.FixedSpeedEngine;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to start one simulated server. Start from {@link #defaults()} and change fields with the
 * {@code with*} methods; the constructor rejects bad values with a message naming the field.
 *
 * @param host               interface to bind, {@code 127.0.0.1} by default
 * @param port               TCP port, 0 for an ephemeral one (tests)
 * @param model              model name listed by {@code /v1/models} and used when a request names none
 *                           (a request's own model is always echoed)
 * @param engineFactory      makes this server's engine; called once per server
 * @param defaultMaxTokens   output length when a request gives neither {@code max_tokens} nor
 *                           {@code max_completion_tokens}
 * @param maxContextTokens   prompt + output tokens allowed before {@code context_length_exceeded}
 * @param embeddingDimensions length of every {@code /v1/embeddings} vector
 * @param faults             faults in force at start (change them later through {@link SimServer#faults()})
 * @param seed               seed of the random generator that draws probabilistic faults
 */
public record SimServerOptions(String host, int port, String model, Supplier<Engine> engineFactory,
                               int defaultMaxTokens, int maxContextTokens, int embeddingDimensions,
                               Faults faults, long seed) {

  public static final String DEFAULT_MODEL = "sim-llama-3.1-8b";

  public SimServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(engineFactory, "engineFactory");
    Objects.requireNonNull(faults, "faults");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
    if (model.isBlank()) throw new IllegalArgumentException("model must not be blank");
    if (defaultMaxTokens < 1) throw new IllegalArgumentException("defaultMaxTokens must be >= 1, was " + defaultMaxTokens);
    if (maxContextTokens < 2) throw new IllegalArgumentException("maxContextTokens must be >= 2, was " + maxContextTokens);
    if (embeddingDimensions < 1) throw new IllegalArgumentException("embeddingDimensions must be >= 1, was " + embeddingDimensions);
  }

  /**
   * Loopback, ephemeral port, a {@link FixedSpeedEngine} with 20 ms TTFT and 5 ms per token, 64 output
   * tokens by default, a 131,072-token context (Llama-3.1-8B), 16-dimension embeddings, no faults.
   */
  public static SimServerOptions defaults() {
    return new SimServerOptions("127.0.0.1", 0, DEFAULT_MODEL, () -> FixedSpeedEngine.ofMillis(20, 5),
        64, 131_072, 16, Faults.none(), 42);
  }

  public SimServerOptions withHost(String host) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withPort(int port) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withModel(String model) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withEngineFactory(Supplier<Engine> engineFactory) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withDefaultMaxTokens(int tokens) {
    return new SimServerOptions(host, port, model, engineFactory, tokens, maxContextTokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withMaxContextTokens(int tokens) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, tokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withEmbeddingDimensions(int dimensions) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, dimensions, faults, seed);
  }

  public SimServerOptions withFaults(Faults faults) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, embeddingDimensions, faults, seed);
  }

  public SimServerOptions withSeed(long seed) {
    return new SimServerOptions(host, port, model, engineFactory, defaultMaxTokens, maxContextTokens, embeddingDimensions, faults, seed);
  }
}
