package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.request;
import static dev.router4j.providers.openai.OpenAiFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.testing.Assembled;
import dev.router4j.providers.testing.EndlessStream;
import dev.router4j.providers.testing.StreamCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams delivered a few bytes at a time, so that reads end inside lines, JSON strings and
 * multi-byte characters.
 */
class OpenAiStreamTest {
  private static final String TEXT = "The Seine, the Loire and the Rhône.";

  private final OpenAiFixture fx = new OpenAiFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private StreamCollector stream(ChatRequest request) {
    return fx.stream(fx.call(request));
  }

  private StreamCollector stream() {
    return stream(request().user("Rivers?").build());
  }

  private ChatResponse nonStreamed(String resource) {
    fx.reply(200, resource(resource));
    ChatResponse r = fx.adapter.chat(fx.call(request().user("Rivers?").build()));
    fx.taken();
    return r;
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1\","
        + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
  }

  private static String text(String piece) {
    return chunk("{\"content\":\"" + piece + "\"}", null);
  }

  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);

  @ParameterizedTest(name = "{0} byte(s) per millisecond")
  @ValueSource(ints = {1, 3, 7, 64})
  void aTextStreamInTinyPiecesEqualsTheNonStreamedAnswer(int bytesPerMs) {
    ChatResponse whole = nonStreamed("chat-text.json");
    fx.replyStream(resource("stream-text.sse"), bytesPerMs);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    assertThat(c.terminals.get()).isEqualTo(1);
    Assembled a = Assembled.of(c.chunks);
    assertThat(a.text()).isEqualTo(whole.text()).isEqualTo(TEXT);
    assertThat(a.finish()).isEqualTo(FinishReason.STOP);
    assertThat(a.nativeFinish()).isEqualTo("stop");
    assertThat(a.usage()).isEqualTo(whole.usage());
    assertThat(a.usage().cachedTokens()).isEqualTo(1024);

    assertThat(c.chunks).hasSize(7);
    ChatChunk first = c.chunks.get(0);
    assertThat(first.id()).isEqualTo("chatcmpl-B9MCK5yHf6hOQxUrgXJqkXcIrJ9aZ");
    assertThat(first.object()).isEqualTo("chat.completion.chunk");
    assertThat(first.model()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(first.systemFingerprint()).isEqualTo("fp_fc9f1d7035");
    assertThat(first.choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
    ChatChunk last = c.chunks.get(c.chunks.size() - 1);
    assertThat(last.choices()).as("the usage chunk has no choices").isEmpty();
    assertThat(last.usage()).isNotNull();
    assertThat(c.chunks).allSatisfy(ch -> assertThat(ch.extra()).doesNotContainKey("obfuscation"));
  }

  @Test
  void toolCallFragmentsAreIndexedAndConcatenatePerIndex() {
    ChatResponse whole = nonStreamed("chat-tools.json");
    fx.replyStream(resource("stream-tools.sse"), 5);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    List<ToolCallDelta> fragments = new ArrayList<>();
    c.chunks.forEach(ch -> ch.choices().forEach(x -> fragments.addAll(x.delta().toolCalls())));
    assertThat(fragments.get(0)).isEqualTo(
        new ToolCallDelta(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", ""));
    assertThat(fragments).extracting(ToolCallDelta::index).containsExactly(0, 0, 0, 1, 0, 1, 1);

    Assembled a = Assembled.of(c.chunks);
    assertThat(a.tools()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      String[] call = a.tools().get(i);
      assertThat(call[0]).isEqualTo(whole.toolCalls().get(i).id());
      assertThat(call[1]).isEqualTo(whole.toolCalls().get(i).name());
      assertThat(call[2]).isEqualTo(whole.toolCalls().get(i).arguments());
    }
    assertThat(a.finish()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(a.usage()).isEqualTo(whole.usage());
    assertThat(a.text()).isEmpty();
  }

  @Test
  void anInBandErrorBeforeTheFirstTokenIsTheProvidersErrorSoTheRouterMayFallBack() {
    fx.replyStream(ROLE + "data: {\"error\":{\"message\":\"The server had an error while processing "
        + "your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n", 3);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
      assertThat(e.fallbackWorthy()).isTrue();
      assertThat(e.providerType()).isEqualTo("server_error");
      assertThat(e.providerMessage()).startsWith("The server had an error");
      assertThat(e.requestId()).isEqualTo("req_stream_1");
    });
    assertThat(c.text()).isEmpty();
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @Test
  void anInBandErrorAfterTheFirstTokenInterruptsKeepingThePartialText() {
    fx.replyStream(ROLE + text("Once") + text(" upon a time")
        + "data: {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"provider\":\"Example\",\"error\":{\"code\":502,\"message\":\"Provider disconnected\","
        + "\"metadata\":{\"error_type\":\"provider_unavailable\"}},"
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n", 4);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo("Once upon a time");
      assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
      assertThat(e.getCause()).isInstanceOfSatisfying(ProviderException.class,
          p -> assertThat(p.requestId()).isEqualTo("req_stream_1"));
    });
    assertThat(c.text()).isEqualTo("Once upon a time");
  }

  @Test
  void anInBandErrorWithAnHttpCodeBeforeOutputIsClassifiedAsThatStatus() {
    fx.replyStream(": OPENROUTER PROCESSING\n\n" + ROLE
        + "data: {\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}\n\n", 16);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
      assertThat(e.httpStatus()).isEqualTo(429);
    });
  }

  @Test
  void aStreamWithoutDoneIsInterruptedEvenAfterItsFinishReason() {
    String full = resource("stream-text.sse");
    String cut = full.substring(0, full.indexOf("data: {", full.indexOf("\"finish_reason\":\"stop\"")));
    fx.replyStream(cut, 11);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo(TEXT);
      assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
      assertThat(e.retryable()).isFalse();
    });
    assertThat(Assembled.of(c.chunks).usage()).as("the usage chunk was lost").isNull();
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @Test
  void aStreamCutInsideAnEventIsInterruptedWithTheTextBeforeIt() {
    String full = resource("stream-text.sse");
    String cut = full.substring(0, full.indexOf(" the Loire") + 4);
    fx.replyStream(cut, 64);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(StreamInterruptedException.class,
        e -> assertThat(e.partialText()).isEqualTo("The Seine,"));
  }

  @Test
  void cancelEndsTheStreamAtOnceAndClosesTheConnection() throws Exception {
    String opening = ROLE + text("Once");
    EndlessStream endless = new EndlessStream(opening, ": keep-alive\n\n");
    fx.server.enqueue(endless.response());
    StreamCollector c = new StreamCollector();
    StreamHandle handle = fx.adapter.stream(fx.call(request().user("Tell a story").build()), c);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!c.text().equals("Once") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(c.text()).isEqualTo("Once");

    long start = System.nanoTime();
    handle.cancel();
    handle.cancel();
    RouterException error = c.await();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    assertThat(error.category()).isEqualTo(ErrorCategory.CANCELLED);
    assertThat(endless.closedByClient().await(5, TimeUnit.SECONDS))
        .as("the server's writes fail once the client closes the connection").isTrue();
    Thread.sleep(200);
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @Test
  void anHttpErrorBeforeTheStreamIsClassifiedWithItsRequestId() {
    fx.reply(503, "{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\"}}",
        "x-request-id", "req_503");
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
      assertThat(e.httpStatus()).isEqualTo(503);
      assertThat(e.requestId()).isEqualTo("req_503");
    });
    assertThat(c.chunks).isEmpty();
  }

  @Test
  void anUnreadableChunkFailsAsMalformedBeforeOutputAndAsInterruptedAfter() {
    fx.replyStream(ROLE + "data: {not json}\n\n", 64);
    assertThat(stream().await()).isInstanceOf(MalformedResponseException.class);

    fx.replyStream(ROLE + text("Hello") + "data: {\"choices\":[{\"index\":\"zero\"}]}\n\n", 64);
    assertThat(stream().await()).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo("Hello");
      assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    });
  }

  @Test
  void refusalsReasoningContentAndCrlfLinesStreamToo() {
    String body = (ROLE
        + chunk("{\"reasoning_content\":\"Thinking about it.\"}", null)
        + chunk("{\"refusal\":\"I can't\"}", null)
        + chunk("{\"refusal\":\" help with that.\"}", null)
        + chunk("{}", "stop")
        + "data: [DONE]\n\n").replace("\n", "\r\n");
    fx.replyStream(body, 9);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    Assembled a = Assembled.of(c.chunks);
    assertThat(a.reasoning()).isEqualTo("Thinking about it.");
    assertThat(a.refusal()).isEqualTo("I can't help with that.");
    assertThat(a.text()).isEmpty();
    assertThat(a.finish()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void groqsUsageInXGroqIsTheChunksUsage() {
    fx.replyStream(ROLE + text("Hi") + chunk("{}", "stop").replace("}]}", "}],\"x_groq\":"
        + "{\"id\":\"req_01\",\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2,\"total_tokens\":14}}}")
        + "data: [DONE]\n\n", 64);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    ChatChunk last = c.chunks.get(c.chunks.size() - 1);
    assertThat(last.usage().promptTokens()).isEqualTo(12);
    assertThat(last.usage().totalTokens()).isEqualTo(14);
  }

  @Test
  void toolArgumentsSentAsAnObjectBecomeJsonText() {
    fx.replyStream(ROLE + chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]}", null)
        + chunk("{}", "tool_calls") + "data: [DONE]\n\n", 64);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    String[] call = Assembled.of(c.chunks).tools().get(0);
    assertThat(call[0]).isEqualTo("call_1");
    assertThat(OpenAiFixture.json(call[2])).isEqualTo(java.util.Map.of("city", "Paris"));
  }
}
