package dev.router4j.providers.openai;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.testing.MockProviderFixture;
import java.util.Map;

/** An OpenAI provider pointed at a mock server, with helpers to script replies and read requests. */
final class OpenAiFixture extends MockProviderFixture {
  static final String KEY = "sk-proj-test-0123456789abcdef";
  static final Endpoint GPT_41 = Endpoint.builder("openai", "openai/gpt-4.1").build();
  static final Endpoint O3_MINI = Endpoint.builder("openai", "openai/o3-mini").build();
  static final Endpoint GPT_5 = Endpoint.builder("openai", "openai/gpt-5").build();

  OpenAiFixture() {
    this(OpenAi.builder());
  }

  OpenAiFixture(OpenAiCompatible.Builder builder) {
    super(baseUrl -> builder.baseUrl(baseUrl).apiKey(KEY).build(), "/v1");
  }

  static ChatRequest.Builder request() {
    return ChatRequest.builder().model("openai/gpt-4.1");
  }

  ProviderCall call(ChatRequest request) {
    return call(request, GPT_41);
  }

  void replyOk() {
    reply(200, resource("chat-text.json"));
  }

  /** Enqueues an event stream written {@code bytesPerMillisecond} bytes at a time. */
  void replyStream(String body, long bytesPerMillisecond) {
    replyStream(body, bytesPerMillisecond, "x-request-id", "req_stream_1");
  }

  /** Sends the request against a canned answer and returns the body the server received. */
  Map<String, Object> sent(ChatRequest request) {
    return sent(request, GPT_41);
  }

  Map<String, Object> sent(ChatRequest request, Endpoint endpoint) {
    replyOk();
    adapter.chat(call(request, endpoint));
    return sentBody();
  }

  static String resource(String name) {
    return resource("openai", name);
  }
}
