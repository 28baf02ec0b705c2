package dev.router4j.providers.anthropic;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.testing.MockProviderFixture;
import mockwebserver3.MockResponse;

/** Shared set-up for the Anthropic adapter tests: a mock server, the adapter, JSON helpers. */
final class AnthropicFixture extends MockProviderFixture {
  static final String KEY = "sk-ant-api03-test-key-0000";
  static final Endpoint SONNET = Endpoint.builder("anthropic", "anthropic/claude-sonnet-4.5")
      .upstreamModel("claude-sonnet-4-5-20250929").contextLength(200_000).build();
  static final Endpoint SONNET_64K = SONNET.toBuilder().maxCompletionTokens(64_000).build();

  AnthropicFixture() {
    this(Anthropic.builder());
  }

  AnthropicFixture(Anthropic.Builder builder) {
    super(baseUrl -> builder.baseUrl(baseUrl).apiKey(KEY).build(), "/v1");
  }

  ProviderCall call(ChatRequest request) {
    return call(request, SONNET);
  }

  static ChatRequest.Builder request() {
    return ChatRequest.builder().model("anthropic/claude-sonnet-4.5");
  }

  /** Enqueues an answer that is read and ignored, for request-mapping tests. */
  void replyOk() {
    reply(200, resource("message-text.json"));
  }

  /** Enqueues an event stream delivered a few bytes at a time, so that reads end anywhere. */
  void replyStream(String body, int bytesPerMillisecond) {
    replyStream(body, bytesPerMillisecond, "request-id", "req_stream");
  }

  /** Enqueues an event stream sent as HTTP chunks of at most {@code chunk} bytes. */
  void replyChunked(String body, int chunk) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream; charset=utf-8")
        .chunkedBody(body, chunk).build());
  }

  static String resource(String name) {
    return resource("anthropic", name);
  }
}
