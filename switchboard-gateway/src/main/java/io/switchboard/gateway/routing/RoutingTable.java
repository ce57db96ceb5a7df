package io.switchboard.gateway.routing;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.EndpointLimits;
import io.switchboard.core.EndpointState;
import io.switchboard.core.GroupRouter;
import io.switchboard.core.LoadBalancer;
import io.switchboard.core.Strategies;
import io.switchboard.core.TokenEstimator;
import io.switchboard.core.pipeline.Pipeline;
import io.switchboard.core.pipeline.EndpointProfile;
import io.switchboard.core.pipeline.Signals;
import io.switchboard.core.prefix.PrefixIndexes;
import io.switchboard.core.resilience.RetryPolicy;
import io.switchboard.gateway.config.EndpointConfig;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GroupConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Everything the data plane needs to route, built from one validated {@link GatewayConfig}: model name ->
 * group router, and endpoint id -> config. Immutable; a reload builds a new table and swaps it in whole, so
 * a request in flight keeps the table it started with.
 *
 * <p>Endpoint states come from a {@link Registry} that outlives tables: an endpoint kept across a reload keeps
 * its in-flight counts; its limits are updated in place.
 */
public final class RoutingTable {
  private final GatewayConfig config;
  private final Map<String, Route> exact;
  private final List<Map.Entry<Pattern, Route>> globs;
  private final Map<String, EndpointConfig> endpoints;
  private final Map<String, EndpointState> states;
  private final int promptBlockChars;
  private final boolean readsPrompt;
  private final Registry registry;

  private RoutingTable(GatewayConfig config, Map<String, Route> exact, List<Map.Entry<Pattern, Route>> globs,
                       Map<String, EndpointConfig> endpoints, Map<String, EndpointState> states, int promptBlockChars,
                       Registry registry) {
    this.registry = registry;
    this.promptBlockChars = promptBlockChars;
    this.config = config;
    this.exact = exact;
    this.globs = globs;
    this.endpoints = endpoints;
    this.states = states;
    boolean reads = false;
    for (Route r : exact.values()) reads |= readsPrompt(r);
    for (var g : globs) reads |= readsPrompt(g.getValue());
    this.readsPrompt = reads;
  }

  /** Builds a table from a config that has passed validation. */
  public static RoutingTable build(GatewayConfig config, Registry registry,
                                   RandomGenerator.SplittableGenerator random) {
    Map<String, EndpointConfig> endpoints = new LinkedHashMap<>();
    Map<String, EndpointState> states = new LinkedHashMap<>();
    for (EndpointConfig e : config.endpoints()) {
      endpoints.put(e.id(), e);
      states.put(e.id(), registry.stateFor(e.id(), new EndpointLimits(e.weight(), e.maxConcurrent())));
      // What the pipeline's context-fit and labels filters read; set again on every reload.
      registry.signals().of(e.id()).updateProfile(new EndpointProfile(e.contextWindow(), e.labels()));
    }
    Map<String, Route> exact = new LinkedHashMap<>();
    List<Map.Entry<Pattern, Route>> globs = new ArrayList<>();
    for (GroupConfig g : config.groups()) {
      List<EndpointState> members = new ArrayList<>();
      for (String id : g.endpoints()) members.add(registry.get(id));
      LoadBalancer policy = g.pipeline() != null ? Pipeline.create(g.pipeline(), registry.signals(), random.split())
          : Strategies.create(g.strategy(), random.split(), registry.signals());
      var router = new GroupRouter(g.model(), members, policy,
          new AdmissionQueue(g.admission().toPolicy(g.queueSize()), System::nanoTime));
      Route route = new Route(g, router, g.retry().toPolicy(), registry.tokensFor(g.model()), tokenizer(g));
      if (g.isGlob()) globs.add(Map.entry(globToRegex(g.model()), route));
      else exact.put(g.model(), route);
    }
    return new RoutingTable(config, Map.copyOf(exact), List.copyOf(globs), Map.copyOf(endpoints), Map.copyOf(states),
        registry.signals().prefixes().blockSize(), registry);
  }

  public GatewayConfig config() { return config; }

  /** Characters per hashed block of prompt text, as the prefix indexes of this table's signals expect. */
  public int promptBlockChars() { return promptBlockChars; }

  private static boolean readsPrompt(Route r) { return r.router().readsPrompt() || r.tokenizer() != null; }

  /**
   * Whether any group's policy reads the prompt or counts its tokens; when none does, requests need not extract its
   * text.
   */
  public boolean readsPrompt() { return readsPrompt; }

  /** The group serving a client-facing model: an exact name first, then the first matching glob; or null. */
  public Route resolve(String model) {
    Route r = exact.get(model);
    if (r != null) return r;
    for (var g : globs) {
      if (g.getKey().matcher(model).matches()) return g.getValue();
    }
    return null;
  }

  public EndpointConfig endpoint(String id) { return endpoints.get(id); }

  /**
   * The endpoint's engine reported a KV cache of {@code tokens}: its prefix index is sized to hold about that much
   * prompt text from now on (it starts at an H100's, {@link io.switchboard.core.prefix.PrefixIndexes#DEFAULT_KV_TOKENS}).
   */
  public void kvCapacity(String endpointId, long tokens) { registry.kvCapacity(endpointId, tokens); }

  /** The live state of an endpoint of this table, or null. */
  public EndpointState endpointState(String id) { return states.get(id); }

  /** Exact model names, in config order, for {@code GET /v1/models}. */
  public List<String> modelNames() {
    List<String> names = new ArrayList<>();
    for (GroupConfig g : config.groups()) if (!g.isGlob()) names.add(g.model());
    return names;
  }

  /** Every group's route, exact names first, then globs in config order. */
  public List<Route> routes() {
    List<Route> all = new ArrayList<>(exact.values());
    for (var g : globs) all.add(g.getValue());
    return all;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString());
  }

  private static Tokenizer tokenizer(GroupConfig g) { return g.tokenizer() == null ? null : Tokenizer.of(g.tokenizer()); }

  /**
   * A resolved model group: its config, its router, its retry policy (built once per table), its token
   * estimates (kept across reloads by the {@link Registry}) and the tokenizer that counts its prompts exactly, or
   * null when they are estimated.
   */
  public record Route(GroupConfig group, GroupRouter router, RetryPolicy policy, TokenEstimator tokens,
                      Tokenizer tokenizer) {
    public Route(GroupConfig group, GroupRouter router) {
      this(group, router, group.retry().toPolicy(), TokenEstimator.defaults(), RoutingTable.tokenizer(group));
    }
  }

  /**
   * Endpoint states by id, and the learned routing signals of those endpoints (prefix indexes, pending
   * prefill, latency models), kept across reloads: one per gateway.
   */
  public static final class Registry {
    private final ConcurrentHashMap<String, EndpointState> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenEstimator> tokens = new ConcurrentHashMap<>();
    private final Signals signals;

    /**
     * Characters per prompt block the gateway hashes (it does not tokenise): about 16 tokens at
     * {@value #CHARS_PER_TOKEN} characters a token.
     */
    public static final int PROMPT_BLOCK_CHARS = 64;
    public static final int CHARS_PER_TOKEN = 4;

    /** Prefix indexes in character blocks, each endpoint holding a default engine's KV cache worth of text. */
    public Registry() {
      this(new Signals(PrefixIndexes.uniform(PROMPT_BLOCK_CHARS, PrefixIndexes.DEFAULT_KV_TOKENS * CHARS_PER_TOKEN)));
    }

    /** {@code signals}' prefix indexes hash prompt text in characters, as {@link #PROMPT_BLOCK_CHARS} does. */
    public Registry(Signals signals) { this.signals = Objects.requireNonNull(signals, "signals"); }

    /** The signals every group's routing policy reads and learns into. */
    public Signals signals() { return signals; }

    EndpointState stateFor(String id, EndpointLimits limits) {
      EndpointState s = states.computeIfAbsent(id, k -> new EndpointState(k, limits));
      s.updateLimits(limits);
      return s;
    }

    public EndpointState get(String id) { return states.get(id); }

    /** Sizes the endpoint's prefix index to a KV cache of {@code tokens}, at {@value #CHARS_PER_TOKEN} characters each. */
    void kvCapacity(String endpointId, long tokens) {
      signals.prefixes().capacity(endpointId, tokens * CHARS_PER_TOKEN);
    }

    /** The token estimates of the group serving {@code model}, learned since the gateway started. */
    public TokenEstimator tokensFor(String model) {
      return tokens.computeIfAbsent(model, k -> TokenEstimator.defaults());
    }

    public Map<String, EndpointState> all() { return Map.copyOf(states); }
  }
}
