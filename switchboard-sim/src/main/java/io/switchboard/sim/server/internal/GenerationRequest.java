package io.switchboard.sim.server.internal;

/**
 * A parsed {@code /v1/chat/completions} or {@code /v1/completions} request, reduced to what the
 * simulator needs.
 *
 * @param chat         true for chat completions, false for legacy completions
 * @param maxTokens    {@code max_completion_tokens} or {@code max_tokens}, or -1 when the request gives neither
 * @param outputOffset words of the answer already given: a chat whose last message is the assistant's partial
 *                     answer (a prefix to continue) gets the words that follow it, so an answer continued on
 *                     another replica reads exactly like one never interrupted; 0 otherwise
 */
public record GenerationRequest(boolean chat, String model, boolean stream, boolean includeUsage,
                                int[] promptTokens, int maxTokens, int outputOffset) {}
