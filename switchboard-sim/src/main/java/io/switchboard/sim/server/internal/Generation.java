package io.switchboard.sim.server.internal;

import io.switchboard.sim.SimRequest;
import io.switchboard.sim.TokenListener;
import io.switchboard.sim.server.FaultKind;
import io.vertx.core.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One chat or completion request in the engine: submits it, turns each token event into an SSE chunk (or
 * collects the tokens for a single JSON body), applies the request's in-stream faults, and cancels the
 * engine work the moment the client goes away.
 *
 * <p>Back-pressure: chunks are written without waiting for the client to drain. That never blocks the event
 * loop, and the bytes Vert.x buffers for a slow reader are bounded by one response (the output length is
 * fixed at submission), which is also how vLLM's API server behaves: the engine never waits for a reader.
 *
 * <p>In-stream faults are checked before every write, token chunk or final chunk alike: a stall or cut
 * "after N tokens" acts once at least N tokens were sent, so with N at or above the output length it hits
 * just before the final chunk and with N = 0 before the first token.
 */
final class Generation implements TokenListener {
  private final SimContext sim;
  private final Exchange exchange;
  private final GenerationRequest request;
  private final FaultPlan plan;
  private final long requestId;
  private final long arrivalNanos;
  private final int outputTokens;
  private final Payloads payloads;
  private int produced;
  private boolean submitted;
  private boolean engineDone;
  private boolean halted;
  private boolean malformedSent;
  private Timer delay;

  /** @param arrivalNanos when the request reached the server (driver clock), before its body was read */
  Generation(SimContext sim, Exchange exchange, GenerationRequest request, FaultPlan plan, int outputTokens,
             long arrivalNanos) {
    this.sim = sim;
    this.exchange = exchange;
    this.request = request;
    this.plan = plan;
    this.outputTokens = outputTokens;
    this.requestId = sim.nextRequestId();
    this.arrivalNanos = arrivalNanos;
    String id = (request.chat() ? "chatcmpl-sim-" : "cmpl-sim-") + sim.port() + "-" + requestId;
    this.payloads = new Payloads(request.chat(), id, request.model(), sim.epochSeconds());
  }

  void start() {
    exchange.onClientGone(this::clientGone);
    if (request.stream()) {
      exchange.response().setChunked(true).setStatusCode(200)
          .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
      exchange.response().writeHead();
    }
    if (plan.has(FaultKind.SLOW_FIRST_TOKEN)) {
      delay = sim.vertx().timer(plan.faults().slowFirstTokenMillis(), TimeUnit.MILLISECONDS);
      delay.onSuccess(v -> submit(sim.driver().now())); // the fault holds the request back: it arrives late
    } else {
      submit(arrivalNanos);
    }
  }

  private void submit(long at) {
    submitted = true;
    sim.driver().submit(new SimRequest(requestId, request.promptTokens(), outputTokens, this), at);
  }

  @Override
  public void onTokens(long id, int count, long atNanos) {
    boolean first = produced == 0;
    if (halted || exchange.settled()) {
      produced += count;
      return;
    }
    if (request.stream() && streamMayContinue()) {
      writeMalformedIfDue();
      exchange.write(sse(payloads.tokenChunk(Tokenizer.outputText(request.outputOffset() + produced, count), first, request.includeUsage(), atNanos, count)));
    }
    produced += count;
  }

  @Override
  public void onFinished(long id, Completion completion, long atNanos) {
    engineDone = true;
    if (completion.cancelled()) return;
    sim.metrics().finished(arrivalNanos, completion, atNanos);
    if (halted || exchange.settled()) return;
    String finishReason = request.maxTokens() > 0 ? "length" : "stop";
    Payloads.Usage usage = new Payloads.Usage(completion.promptTokens(), completion.outputTokens(), completion.cachedPromptTokens());
    if (request.stream()) {
      if (!streamMayContinue()) return;
      writeMalformedIfDue();
      exchange.write(sse(payloads.finishChunk(finishReason, request.includeUsage(), atNanos)));
      if (request.includeUsage()) exchange.write(sse(payloads.usageChunk(usage)));
      exchange.end("data: [DONE]\n\n");
    } else {
      finishWhole(finishReason, usage, completion.firstTokenNanos(), atNanos);
    }
  }

  private void finishWhole(String finishReason, Payloads.Usage usage, long firstTokenNanos, long atNanos) {
    if (plan.has(FaultKind.STALL)) {
      halted = true; // the body never comes; the client must time out
      return;
    }
    if (plan.has(FaultKind.CUT_STREAM)) {
      exchange.abort();
      return;
    }
    String body = payloads.fullResponse(Tokenizer.outputText(request.outputOffset(), produced), finishReason, usage, firstTokenNanos, atNanos);
    if (plan.has(FaultKind.MALFORMED_EVENT)) body = body.substring(0, body.length() / 2);
    exchange.end(200, "application/json", body);
  }

  /** Applies a due stall or cut; false if nothing more may be written. */
  private boolean streamMayContinue() {
    if (plan.has(FaultKind.STALL) && produced >= plan.faults().stallAfterTokens()) {
      halted = true;
      return false;
    }
    if (plan.has(FaultKind.CUT_STREAM) && produced >= plan.faults().cutAfterTokens()) {
      halted = true;
      if (!engineDone) sim.driver().cancel(requestId);
      exchange.abort();
      return false;
    }
    return true;
  }

  private void writeMalformedIfDue() {
    if (plan.has(FaultKind.MALFORMED_EVENT) && !malformedSent && produced >= plan.faults().malformedAfterTokens()) {
      malformedSent = true;
      exchange.write("data: {\"id\":\"" + requestId + "\",\"choices\":[{\"delta\":{\"content\":\"unterminated\n\n");
    }
  }

  private void clientGone() {
    if (delay != null) delay.cancel();
    if (submitted && !engineDone) sim.driver().cancel(requestId);
  }

  private static String sse(String json) {
    return "data: " + json + "\n\n";
  }
}
