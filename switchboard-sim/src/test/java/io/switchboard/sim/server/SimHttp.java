package io.switchboard.sim.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP/1.1 client for the simulator tests (java.net.http), plus SSE and JSON helpers. */
final class SimHttp {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private SimHttp() {}

  static HttpRequest postRequest(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  static HttpResponse<String> post(String url, String json) {
    return send(postRequest(url, json));
  }

  static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code data:} payloads of an SSE body, in order ({@code [DONE]} included as a string). */
  static List<String> dataEvents(String body) {
    List<String> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.startsWith("data: ")) events.add(block.substring(6));
      else if (!block.isBlank()) throw new AssertionError("not an SSE data event: " + block);
    }
    return events;
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static String chat(int maxTokens, boolean stream, String extra) {
    return "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"say something nice\"}]"
        + (maxTokens > 0 ? ",\"max_tokens\":" + maxTokens : "") + ",\"stream\":" + stream + extra + "}";
  }
}
