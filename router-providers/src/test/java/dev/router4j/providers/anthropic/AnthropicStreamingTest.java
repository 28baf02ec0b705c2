package dev.router4j.providers.anthropic;

import static dev.router4j.providers.anthropic.AnthropicFixture.request;
import static dev.router4j.providers.anthropic.AnthropicFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.error.ErrorCategory;
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
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams of recorded Anthropic events, delivered a few bytes at a time so that every chunk
 * boundary falls somewhere new: inside a line, an event name, a JSON string or a multi-byte
 * character.
 */
class AnthropicStreamingTest {
  private final AnthropicFixture fx = new AnthropicFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private StreamCollector stream(ChatRequest request) {
    return fx.stream(fx.call(request));
  }

  private StreamCollector stream() {
    return stream(request().user("Question").build());
  }

  private ChatResponse nonStreamed(String resource) {
    fx.reply(200, resource(resource));
    return fx.adapter.chat(fx.call(request().user("Question").build()));
  }

  @ParameterizedTest(name = "{0} byte(s) per read")
  @ValueSource(ints = {1, 3, 7, 64})
  void aTextStreamInTinyPiecesEqualsTheNonStreamedAnswer(int bytesPerRead) {
    ChatResponse whole = nonStreamed("message-text.json");
    fx.replyStream(resource("stream-text.sse"), bytesPerRead);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    assertThat(c.terminals.get()).isEqualTo(1);
    Assembled a = Assembled.of(c.chunks);
    assertThat(a.text()).isEqualTo(whole.text())
        .isEqualTo("The Seine, the Loire and the Rhône — all three reach the sea.");
    assertThat(a.finish()).isEqualTo(FinishReason.STOP);
    assertThat(a.nativeFinish()).isEqualTo("end_turn");
    assertThat(a.usage()).isEqualTo(whole.usage());
    assertThat(a.usage().cachedTokens()).isEqualTo(3000);
    assertThat(a.usage().completionTokens()).as("the last message_delta's count").isEqualTo(19);

    ChatChunk first = c.chunks.get(0);
    assertThat(first.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
    assertThat(first.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(first.provider()).isEqualTo("anthropic");
    assertThat(first.choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
    ChatChunk last = c.chunks.get(c.chunks.size() - 1);
    assertThat(last.usage()).isNotNull();
    assertThat(last.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(c.chunks).allSatisfy(chunk -> assertThat(chunk.object()).isEqualTo("chat.completion.chunk"));
    assertThat(c.chunks).as("pings add nothing").hasSize(5);
  }

  @ParameterizedTest(name = "HTTP chunks of {0} byte(s)")
  @ValueSource(ints = {1, 5, 17})
  void aChunkedStreamDecodesTheSame(int chunkSize) {
    fx.replyChunked(resource("stream-text.sse").replace("\n", "\r\n"), chunkSize);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    assertThat(c.text()).isEqualTo("The Seine, the Loire and the Rhône — all three reach the sea.");
  }

  @Test
  void theStreamRequestAsksForEventsAndSetsStream() {
    fx.replyStream(resource("stream-text.sse"), 4096);
    assertThat(stream().await()).isNull();

    RecordedRequest sent = fx.taken();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(sent.getHeaders().get("accept")).isEqualTo("text/event-stream");
    assertThat(sent.getHeaders().get("x-api-key")).isEqualTo(AnthropicFixture.KEY);
    assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(AnthropicFixture.json(sent.getBody().utf8()).get("stream")).isEqualTo(true);
  }

  @Test
  void toolUseStreamsAsToolCallFragmentsIndexedByCallOrdinal() {
    ChatResponse whole = nonStreamed("message-tool-use.json");
    fx.replyStream(resource("stream-tool-use.sse"), 5);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    List<ToolCallDelta> fragments = new ArrayList<>();
    c.chunks.forEach(chunk -> chunk.choices().forEach(ch -> fragments.addAll(ch.delta().toolCalls())));
    assertThat(fragments.get(0)).isEqualTo(
        new ToolCallDelta(0, "toolu_01A09q90qw90lq917835lq9", "get_weather", ""));
    assertThat(fragments).filteredOn(f -> f.id() != null).extracting(ToolCallDelta::index)
        .as("ordinals, not the block indexes 1 and 2").containsExactly(0, 1);
    assertThat(fragments).filteredOn(f -> f.id() == null)
        .allSatisfy(f -> assertThat(f.arguments()).isNotEmpty());

    Assembled a = Assembled.of(c.chunks);
    assertThat(a.text()).isEqualTo(whole.text());
    assertThat(a.tools()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      String[] call = a.tools().get(i);
      assertThat(call[0]).isEqualTo(whole.toolCalls().get(i).id());
      assertThat(call[1]).isEqualTo(whole.toolCalls().get(i).name());
      assertThat(AnthropicFixture.json(call[2]))
          .isEqualTo(AnthropicFixture.json(whole.toolCalls().get(i).arguments()));
    }
    assertThat(a.finish()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(a.usage()).isEqualTo(whole.usage());
  }

  @Test
  void thinkingStreamsAsReasoningAndEndsEachBlockWithItsSignedDetail() {
    ChatResponse whole = nonStreamed("message-thinking.json");
    fx.replyStream(resource("stream-thinking.sse"), 2);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    Assembled a = Assembled.of(c.chunks);
    assertThat(a.reasoning()).isEqualTo(whole.message().reasoning());
    assertThat(a.details()).isEqualTo(whole.message().reasoningDetails());
    assertThat(a.details().get(0).signature()).startsWith("EqQBCgIYAhIM");
    assertThat(a.details().get(0).format()).isEqualTo("anthropic-claude-v1");
    assertThat(a.details().get(1).type()).isEqualTo("reasoning.encrypted");
    assertThat(a.text()).isEqualTo(whole.text()).isEqualTo("27 × 453 = 12,231.");
    assertThat(a.usage()).isEqualTo(whole.usage());
  }

  @Test
  void anErrorEventAfterOutputInterruptsTheStreamKeepingThePartialText() {
    fx.replyStream(resource("stream-error-midway.sse"), 3);
    StreamCollector c = stream();

    RouterException error = c.await();
    assertThat(error).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo("Once upon a time");
      assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
      assertThat(e.getCause()).isInstanceOf(ProviderException.class);
      assertThat(((ProviderException) e.getCause()).providerType()).isEqualTo("overloaded_error");
    });
    assertThat(c.text()).isEqualTo("Once upon a time");
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @Test
  void anErrorEventBeforeAnyOutputIsTheProvidersErrorSoTheRouterCanFallBack() {
    fx.replyStream(resource("stream-error-early.sse"), 3);
    StreamCollector c = stream();

    RouterException error = c.await();
    assertThat(error).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
      assertThat(e.fallbackWorthy()).isTrue();
      assertThat(e.providerMessage()).isEqualTo("Overloaded");
    });
    assertThat(c.text()).isEmpty();
  }

  @Test
  void aStreamCutBeforeMessageStopIsInterruptedNotFinished() {
    String full = resource("stream-text.sse");
    String cut = full.substring(0, full.indexOf("event: message_delta"));
    fx.replyStream(cut, 11);
    StreamCollector c = stream();

    RouterException error = c.await();
    assertThat(error).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo("The Seine, the Loire and the Rhône — all three reach the sea.");
      assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    });
    assertThat(c.chunks).noneMatch(chunk -> chunk.finishReason() != null);
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @Test
  void aStreamCutInsideAnEventIsInterruptedToo() {
    String full = resource("stream-text.sse");
    String cut = full.substring(0, full.indexOf("\"stop_reason\":\"end_turn\""));
    fx.replyStream(cut, 64);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOf(StreamInterruptedException.class);
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static final String START = event("message_start",
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
          + "\"stop_reason\":null,\"usage\":{\"input_tokens\":900,\"output_tokens\":1}}}");

  @Test
  void serverToolBlocksCitationsAndUnknownEventsAddNothing() {
    String body = START
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\": \\\"Loire\\\"}\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
            + "\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,"
            + "\"delta\":{\"type\":\"citations_delta\",\"citation\":{\"type\":\"web_search_result_location\",\"url\":\"https://example.org\"}}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"1,006 km.\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
        + event("message_annotation", "{\"type\":\"message_annotation\",\"note\":\"from the future\"}")
        + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"input_tokens\":900,\"output_tokens\":30,\"server_tool_use\":{\"web_search_requests\":1}}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
    fx.replyStream(body, 9);
    StreamCollector c = stream();

    assertThat(c.await()).isNull();
    Assembled a = Assembled.of(c.chunks);
    assertThat(a.text()).isEqualTo("1,006 km.");
    assertThat(a.tools()).isEmpty();
    assertThat(a.usage().completionTokens()).isEqualTo(30);
    assertThat(a.usage().extra()).containsKey("server_tool_use");
  }

  @Test
  void excludedReasoningStreamsNoReasoningTextButKeepsTheSignedDetails() {
    fx.replyStream(resource("stream-thinking.sse"), 256);
    StreamCollector c = stream(request().user("27 * 453?")
        .reasoning(new dev.router4j.api.Reasoning(null, 2048, true, null)).build());

    assertThat(c.await()).isNull();
    Assembled a = Assembled.of(c.chunks);
    assertThat(a.reasoning()).isEmpty();
    assertThat(a.details()).hasSize(2);
    assertThat(a.text()).isEqualTo("27 × 453 = 12,231.");
  }

  @Test
  void anErrorWhoseEventNameWasDroppedIsStillAnError() {
    fx.replyStream(START + "data: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
        + "\"message\":\"Internal server error\"}}\n\n", 64);
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(ProviderException.class,
        e -> assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR));
  }

  @Test
  void anUnreadableEventFailsTheStreamAsInterruptedOnceOutputWasSeen() {
    String text = event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}");
    fx.replyStream(START + text + event("content_block_delta", "{\"type\":\"content_block_delta\",\"ind"), 64);
    fx.replyStream(START + event("content_block_delta", "{not json}"), 64);

    StreamCollector after = stream();
    assertThat(after.await()).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo("Hello");
      assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    });
    StreamCollector before = stream();
    assertThat(before.await()).isInstanceOf(dev.router4j.api.error.MalformedResponseException.class);
  }

  @Test
  void anHttpErrorBeforeTheStreamIsClassified() {
    fx.reply(529, resource("error-overloaded.json"), "request-id", "req_529");
    StreamCollector c = stream();

    assertThat(c.await()).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
      assertThat(e.httpStatus()).isEqualTo(529);
      assertThat(e.requestId()).isEqualTo("req_529");
    });
    assertThat(c.chunks).isEmpty();
  }

  @Test
  void cancelEndsTheStreamAtOnceAndClosesTheConnection() throws Exception {
    String head = resource("stream-text.sse");
    head = head.substring(0, head.indexOf("event: content_block_delta"));
    String opening = head + "event: content_block_delta\n"
        + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Once\"}}\n\n";
    EndlessStream endless =
        new EndlessStream(opening, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
    fx.server.enqueue(endless.response());
    StreamCollector c = new StreamCollector();
    StreamHandle handle = fx.adapter.stream(fx.call(request().user("Tell a story").build()), c);
    assertThat(c.first.get(5, TimeUnit.SECONDS)).isNotNull();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!c.text().equals("Once") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

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
    assertThat(c.text()).isEqualTo("Once");
  }
}
