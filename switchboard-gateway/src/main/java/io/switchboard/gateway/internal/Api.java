package io.switchboard.gateway.internal;

/** The proxied OpenAI operations, with the path appended to an endpoint's base URL (after its {@code /v1}). */
enum Api {
  CHAT("/chat/completions", true),
  COMPLETIONS("/completions", true),
  EMBEDDINGS("/embeddings", false);

  final String upstreamPath;
  final boolean canStream;

  Api(String upstreamPath, boolean canStream) {
    this.upstreamPath = upstreamPath;
    this.canStream = canStream;
  }
}
