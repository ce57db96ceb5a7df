package io.switchboard.gateway.internal;

import io.switchboard.core.AdmissionQueue;
import io.switchboard.core.RouteRequest;
import io.switchboard.core.TokenEstimator;
import io.switchboard.core.prefix.BlockHashes;
import io.switchboard.gateway.routing.RoutingTable;
import io.switchboard.gateway.routing.Tokenizer;

/**
 * Stage 3: finds the model's group (404 {@code model_not_found}), sizes the request (prompt and expected answer
 * tokens: counted exactly by the group's tokenizer, off the event loop for long prompts, or estimated; see
 * {@link #routeRequest}) and takes a slot on one of its endpoints
 * that its guard admits (breaker closed, not cooling down after a 429, within its RPM/TPM budget), falling
 * back along the group's fallback chain when none is. When endpoints would take the request but are at
 * their concurrency limit, it waits in the group's bounded queue (503 + {@code Retry-After} when full or
 * timed out). When every endpoint is rate limited it waits for the first to be back, within the queue timeout
 * and the deadline, or gets 429 + {@code Retry-After}; when every breaker is open, 503.
 */
final class Admit implements Stage {
  @Override
  public void run(Exchange x, Chain chain) {
    RoutingTable.Route route = x.table.resolve(x.peek.model);
    if (route == null) {
      x.fail(GatewayError.modelNotFound(x.peek.model));
      return;
    }
    x.primary = route;
    x.chainOwner = route;
    x.chainOwnerModel = x.peek.model;
    x.useGroup(route, x.peek.model);
    long objective = objectiveNanos(x.request.getHeader(TTFT_OBJECTIVE_HEADER));
    if (objective < 0) {
      x.fail(invalidObjective(TTFT_OBJECTIVE_HEADER));
      return;
    }
    long tpotObjective = objectiveNanos(x.request.getHeader(TPOT_OBJECTIVE_HEADER));
    if (tpotObjective < 0) {
      x.fail(invalidObjective(TPOT_OBJECTIVE_HEADER));
      return;
    }
    Tokenizer tokenizer = route.tokenizer();
    if (tokenizer != null && x.peek.promptTokenIds == 0) {
      x.shared.counting().count(x, tokenizer, counted -> admit(x, chain, route, counted, objective, tpotObjective));
    } else {
      admit(x, chain, route, -1, objective, tpotObjective);
    }
  }

  /** {@code counted}: the prompt's exact token count, or -1 to take the token ids' count or estimate it. */
  private static void admit(Exchange x, Chain chain, RoutingTable.Route route, int counted, long objective,
                            long tpotObjective) {
    x.routeRequest = routeRequest(x, route, counted, objective, tpotObjective);
    // Charged against TPM budgets: the prompt plus max_tokens when set (providers reserve it the same way), else the
    // expected answer; the reported usage corrects it.
    x.budgetTokens = x.routeRequest.maxTokensNeeded();
    x.budget = x.shared.guards.budget(route.group());
    x.budget.onRequest();
    if (x.routeRequest.hasObjective() && !objectiveReachable(x, route)) {
      // No endpoint with a free slot is predicted to meet the objectives: its class waits for one, or is shed.
      if (route.router().queue().policy().holds(x.routeRequest.priority())) queue(x, chain, true, chain::proceed);
      else x.fail(GatewayError.objectiveUnreachable(route.group().model(), objective / 1_000_000, tpotObjective / 1_000_000));
      return;
    }
    Failover.route(x, chain, true, chain::proceed);
  }

  private static GatewayError invalidObjective(CharSequence header) {
    return GatewayError.invalidField(header.toString(),
        "The header " + header + " must be a whole number of milliseconds from 1 to 86400000");
  }

  private static boolean objectiveReachable(Exchange x, RoutingTable.Route route) {
    return route.router().objectiveReachable(x.routeRequest, s -> Picker.eligible(x, s, true));
  }

  /**
   * Every endpoint that would take the request is full: wait in the primary group's queue, then run
   * {@code onPicked} with a slot held. {@code first}: the request has made no attempt yet (a retry that
   * times out in the queue answers with its last failure instead of a 503).
   */
  static void queue(Exchange x, Chain chain, boolean first, Runnable onPicked) {
    RoutingTable.Route route = x.primary;
    QueueWaiter waiter = new QueueWaiter(x, chain, first, onPicked);
    long millis = route.group().queueTimeout().toMillis();
    if (!first) millis = Math.min(millis, (route.policy().deadlineNanos(x.startNanos) - x.now()) / 1_000_000);
    AdmissionQueue q = route.router().queue();
    AdmissionQueue.Ticket ticket = q.offer(waiter, q.now() + Math.max(1, millis) * 1_000_000);
    if (ticket == null) {
      x.fail(GatewayError.noCapacity(route.group().model(), false));
      return;
    }
    x.waiter = waiter;
    x.queuedNanos = x.now();
    x.shared.drainer.queued(x.table);
    waiter.start(ticket, millis);
    // A slot freed between tryRoute and offer would wake nobody: drain once now.
    route.router().drainQueue();
  }

  /** Header naming the client's session: requests that share it share an affinity key. */
  static final CharSequence SESSION_HEADER = io.vertx.core.http.HttpHeaders.createOptimized("x-session-id");
  /**
   * Header carrying the request's admission priority: an integer, higher first, clamped to
   * {@value #MIN_PRIORITY}..{@value #MAX_PRIORITY} (so metrics per class stay few); 0 when absent or invalid.
   */
  static final CharSequence PRIORITY_HEADER = io.vertx.core.http.HttpHeaders.createOptimized("x-switchboard-priority");
  static final int MIN_PRIORITY = -9;
  static final int MAX_PRIORITY = 9;
  /** Header carrying the request's time-to-first-token objective in whole milliseconds. */
  static final CharSequence TTFT_OBJECTIVE_HEADER =
      io.vertx.core.http.HttpHeaders.createOptimized("x-switchboard-ttft-objective-ms");
  /** Header carrying the request's time-per-output-token objective in whole milliseconds. */
  static final CharSequence TPOT_OBJECTIVE_HEADER =
      io.vertx.core.http.HttpHeaders.createOptimized("x-switchboard-tpot-objective-ms");
  private static final long MAX_OBJECTIVE_MS = 86_400_000L;

  /**
   * What routing knows of the request: the prompt's size (exact for token ids or when {@code counted} by the group's
   * tokenizer, else estimated from the body's bytes at the group's learned ratio; {@link Exchange#estimatedPromptBytes}
   * says which) and the answer's expected size (the group's learned lengths, capped by {@code max_tokens}), plus its
   * affinity key, priority, prompt hashes and objectives.
   */
  static RouteRequest routeRequest(Exchange x, RoutingTable.Route route, int counted, long ttftObjectiveNanos,
                                   long tpotObjectiveNanos) {
    RequestPeek p = x.peek;
    TokenEstimator tokens = route.tokens();
    int prompt;
    if (p.promptTokenIds > 0) prompt = p.promptTokenIds;
    else if (counted >= 0) prompt = Math.max(1, counted);
    else {
      x.estimatedPromptBytes = x.bodyLength;
      prompt = tokens.promptTokens(x.bodyLength);
    }
    int output = x.api == Api.EMBEDDINGS ? 0 : tokens.outputTokens(p.maxTokens);
    long affinity = affinityKey(x.request.getHeader(SESSION_HEADER), p.user);
    BlockHashes blocks = p.promptText.isEmpty() ? BlockHashes.NONE : BlockHashes.ofText(p.promptText, x.table.promptBlockChars());
    return new RouteRequest(p.model, prompt, output, affinity, priority(x.request.getHeader(PRIORITY_HEADER)), blocks,
        ttftObjectiveNanos, tpotObjectiveNanos, x.api == Api.EMBEDDINGS ? -1 : p.maxTokens);
  }

  /** The hash of the session header, else of the body's {@code user}; 0 when the request names neither. */
  static long affinityKey(String session, String user) {
    String key = session != null && !session.isEmpty() ? session : user;
    return key == null || key.isEmpty() ? 0L : RouteRequest.affinityKeyOf(key);
  }

  static int priority(String header) {
    if (header == null || header.isEmpty() || header.length() > 11) return 0;
    try {
      return Math.clamp(Integer.parseInt(header.trim()), MIN_PRIORITY, MAX_PRIORITY);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A latency objective (TTFT or TPOT) in nanoseconds; 0 when the header is absent, -1 when it is not 1..86400000 ms. */
  static long objectiveNanos(String header) {
    if (header == null) return 0;
    String t = header.trim();
    if (t.isEmpty() || t.length() > 8) return -1;
    long ms = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') return -1;
      ms = ms * 10 + (c - '0');
    }
    return ms < 1 || ms > MAX_OBJECTIVE_MS ? -1 : ms * 1_000_000;
  }
}
