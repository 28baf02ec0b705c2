package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.testing.EndlessStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Streams from {@code streamGenerateContent?alt=sse}, delivered a few bytes at a time so that
 * chunk boundaries fall inside lines, inside CRLF pairs and inside UTF-8 characters.
 */
class GeminiStreamTest extends GeminiTestSupport {

  private static final ChatRequest REQUEST = ChatRequest.builder()
      .model("google/gemini-2.5-flash").user("Rivers of France?")
      .reasoning(Reasoning.maxTokens(1024)).build();

  @Test
  void aThinkingStreamWithCrlfLinesDeliversReasoningThenTextThenTheFinish() throws Exception {
    enqueueSse(crlf(resource("stream-thinking.sse")), 5);
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();

    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().encodedPath())
        .isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(r.getUrl().query()).isEqualTo("alt=sse");
    assertThat(r.getUrl().toString()).doesNotContain(KEY);
    assertThat(r.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
    assertThat(r.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    Map<String, Object> body = json(r);
    assertThat(body).containsOnlyKeys("contents", "generationConfig");
    assertThat(at(body, "generationConfig", "thinkingConfig"))
        .isEqualTo(Map.of("thinkingBudget", 1024.0, "includeThoughts", true));

    assertThat(c.completed).isTrue();
    assertThat(c.errors).isEmpty();
    List<ChatChunk> chunks = c.chunks;
    assertThat(chunks).hasSize(5);
    assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
    assertThat(chunks.stream().skip(1).map(ch -> ch.choices().get(0).delta().role()))
        .containsOnlyNulls();
    assertThat(chunks).allSatisfy(ch -> {
      assertThat(ch.id()).isEqualTo("Xy9kaPq1Bb-Bz7IP4ZqS-QU");
      assertThat(ch.model()).isEqualTo("gemini-2.5-flash");
      assertThat(ch.provider()).isEqualTo("google-ai-studio");
      assertThat(ch.object()).isEqualTo("chat.completion.chunk");
    });
    assertThat(chunks.get(0).choices().get(0).delta().reasoning())
        .isEqualTo("**Listing French rivers**\n\nThe user wants three major rivers of France. ");
    assertThat(chunks.get(0).choices().get(0).delta().content()).isNull();
    assertThat(chunks.stream().map(ChatChunk::text).collect(Collectors.toList()))
        .containsExactly("", "", "Seine, Loire", " and Rhône.", "");
    // The running usage is kept and reported once, on the last chunk.
    assertThat(chunks.subList(0, 4)).allSatisfy(ch -> assertThat(ch.usage()).isNull());
    ChatChunk last = chunks.get(4);
    assertThat(last.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(last.choices().get(0).nativeFinishReason()).isEqualTo("STOP");
    assertThat(last.usage().promptTokens()).isEqualTo(1210);
    assertThat(last.usage().completionTokens()).isEqualTo(63);
    assertThat(last.usage().reasoningTokens()).isEqualTo(55);
    assertThat(last.usage().cachedTokens()).isEqualTo(1024);
    assertThat(last.usage().totalTokens()).isEqualTo(1273);
    assertThat(last.choices().get(0).delta().reasoningDetails()).containsExactly(
        new ReasoningDetail("reasoning.encrypted", null, null,
            "CiQB0e2Kb2Q7tZkN3m5c0mXo5Yt0hT1oU9Dq3xX8uRr2oBzQ9eoKYgHR7YpvS1l2", null, null,
            "google-gemini-v1", null, null));
  }

  @Test
  void aStreamedAnswerEqualsTheSameAnswerNotStreamed() throws Exception {
    enqueueSse(crlf(resource("stream-thinking.sse")), 7);
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();
    enqueueJson(200, resource("generate-thinking.json"));
    ChatResponse whole = chat(REQUEST);

    Assembled s = c.assemble();
    assertThat(s.content).isEqualTo(whole.message().content());
    assertThat(s.reasoning).isEqualTo(whole.message().reasoning());
    assertThat(s.toolCalls).isEqualTo(whole.toolCalls());
    assertThat(s.finish).isEqualTo(whole.finishReason());
    assertThat(s.nativeFinish).isEqualTo(whole.choices().get(0).nativeFinishReason());
    assertThat(s.usage).isEqualTo(whole.usage());
    assertThat(encrypted(s.details)).isEqualTo(encrypted(whole.message().reasoningDetails()));
    assertThat(reasoningText(s.details)).isEqualTo(reasoningText(whole.message().reasoningDetails()));
  }

  @Test
  void aFunctionCallArrivesWholeAsOneToolCallDeltaAndMatchesTheWholeReply() throws Exception {
    enqueueSse(resource("stream-function-call.sse"), 1);
    Collector c = new Collector();
    stream(REQUEST, "gemini-3-pro-preview", c);
    c.await();
    assertThat(c.completed).isTrue();

    List<ToolCallDelta> deltas = c.chunks.stream()
        .flatMap(ch -> ch.choices().stream())
        .flatMap(ch -> ch.delta().toolCalls().stream())
        .collect(Collectors.toList());
    assertThat(deltas).containsExactly(
        new ToolCallDelta(0, "call_dHrkaO2dC4rXz7IPpJ2o4Qc_0", "get_weather",
            "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
        new ToolCallDelta(1, "call_dHrkaO2dC4rXz7IPpJ2o4Qc_1", "get_weather",
            "{\"city\":\"Lyon\",\"unit\":\"celsius\"}"));
    assertThat(deltas.get(0).type()).isEqualTo("function");

    enqueueJson(200, resource("generate-function-call.json"));
    ChatResponse whole = provider.adapter().chat(call(REQUEST, "gemini-3-pro-preview"));
    Assembled s = c.assemble();
    assertThat(s.toolCalls).isEqualTo(whole.toolCalls());
    assertThat(s.content).isEqualTo(whole.message().content()).isNull();
    assertThat(s.finish).isEqualTo(FinishReason.TOOL_CALLS).isEqualTo(whole.finishReason());
    assertThat(encrypted(s.details)).isEqualTo(encrypted(whole.message().reasoningDetails()));
    assertThat(s.reasoning).startsWith("**Checking two cities**");
    assertThat(s.usage).isEqualTo(whole.usage());
  }

  @Test
  void aStreamThatEndsWithoutAFinishReasonIsInterrupted() throws Exception {
    enqueueSse(resource("stream-truncated.sse"), 9);
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();

    assertThat(c.completed).isFalse();
    assertThat(c.text()).isEqualTo("The Seine rises on the Langres plateau and flows north-west through Paris");
    RouterException e = c.errors.get(0);
    assertThat(e).isInstanceOf(StreamInterruptedException.class);
    assertThat(e.category()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    assertThat(((StreamInterruptedException) e).partialText()).isEqualTo(c.text());
  }

  @Test
  void anErrorInsideTheStreamAfterTextIsAnInterruptionCarryingTheProviderError() throws Exception {
    enqueueSse(crlf(resource("stream-error-after-text.sse")), 9);
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();

    assertThat(c.chunks).hasSize(1);
    StreamInterruptedException e = (StreamInterruptedException) c.errors.get(0);
    assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.partialText()).isEqualTo("The Seine rises on the Langres plateau");
    assertThat(e.getCause()).isInstanceOf(ProviderException.class);
    assertThat(((ProviderException) e.getCause()).providerMessage()).contains("overloaded");
  }

  @Test
  void anErrorBeforeAnyChunkIsTheClassifiedProviderErrorSoTheRouterMayFallBack()
      throws Exception {
    enqueueSse(resource("stream-error-first.sse"), 9);
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();

    assertThat(c.chunks).isEmpty();
    RouterException e = c.errors.get(0);
    assertThat(e).isInstanceOf(ProviderException.class);
    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(((ProviderException) e).httpStatus()).isEqualTo(429);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void anHttpErrorOnAStreamIsClassified() throws Exception {
    enqueueJson(429, resource("error-429.json"));
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();

    ProviderException e = (ProviderException) c.errors.get(0);
    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(34));
  }

  @Test
  void aBlockedPromptInAStreamEndsWithAContentFilterChunk() throws Exception {
    enqueueSse("data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"},\"usageMetadata\": "
        + "{\"promptTokenCount\": 31,\"totalTokenCount\": 31},\"modelVersion\": \"gemini-2.5-flash\","
        + "\"responseId\": \"blk-1\"}\r\n\r\n", 16);
    Collector c = new Collector();
    stream(REQUEST, "gemini-2.5-flash", c);
    c.await();

    assertThat(c.completed).isTrue();
    assertThat(c.chunks).hasSize(1);
    ChatChunk chunk = c.chunks.get(0);
    assertThat(chunk.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(chunk.choices().get(0).nativeFinishReason()).isEqualTo("SAFETY");
    assertThat(chunk.text()).isEmpty();
    assertThat(chunk.usage().promptTokens()).isEqualTo(31);
  }

  @Test
  void cancelClosesTheConnectionAtOnceAndEndsTheStreamOnce() throws Exception {
    String first = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"The Seine\"}],"
        + "\"role\": \"model\"},\"index\": 0}],\"modelVersion\": \"gemini-2.5-flash\","
        + "\"responseId\": \"cx-1\"}\r\n\r\n";
    EndlessStream endless = new EndlessStream(first, ": keep-alive\r\n\r\n");
    server.enqueue(endless.response());

    Collector c = new Collector();
    StreamHandle handle = stream(REQUEST, "gemini-2.5-flash", c);
    assertThat(c.first.await(10, TimeUnit.SECONDS)).isTrue();
    handle.cancel();
    handle.cancel();
    c.await();

    assertThat(c.errors.get(0).category()).isEqualTo(ErrorCategory.CANCELLED);
    assertThat(c.chunks).hasSize(1);
    assertThat(endless.closedByClient().await(10, TimeUnit.SECONDS))
        .as("the server sees the connection closed").isTrue();
  }

  private static List<ReasoningDetail> encrypted(List<ReasoningDetail> details) {
    return details.stream().filter(d -> d.type().equals("reasoning.encrypted"))
        .collect(Collectors.toList());
  }

  private static String reasoningText(List<ReasoningDetail> details) {
    return details.stream().filter(d -> d.type().equals("reasoning.text"))
        .map(ReasoningDetail::text).collect(Collectors.joining());
  }
}
