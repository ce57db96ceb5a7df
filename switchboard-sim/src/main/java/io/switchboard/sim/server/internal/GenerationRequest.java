package io.switchboard.sim.server.internal;

/**
 * A parsed {@code /v1/chat/completions} or {@code /v1/completions} request, reduced to what the
 * simulator needs.
 *
 * @param chat         true for chat completions, false for legacy completions
 * @param maxTokens    {@code max_completion_tokens} or {@code max_tokens}, or -1 when the request gives neither
 */
public record GenerationRequest(boolean chat, String model, boolean stream, boolean includeUsage,
                                int[] promptTokens, int maxTokens) {}
