package dev.router4j.providers.anthropic;

import static dev.router4j.providers.anthropic.AnthropicFixture.at;
import static dev.router4j.providers.anthropic.AnthropicFixture.list;
import static dev.router4j.providers.anthropic.AnthropicFixture.request;
import static dev.router4j.providers.anthropic.AnthropicFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an Anthropic message comes back: content, tool calls, thinking, stop reasons, usage. */
class AnthropicResponseTest {
  private final AnthropicFixture fx = new AnthropicFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private ChatResponse answer(String body) {
    return answer(body, request().user("Question").build());
  }

  private ChatResponse answer(String body, ChatRequest request) {
    fx.reply(200, body, "request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    return fx.adapter.chat(fx.call(request));
  }

  @Test
  void aTextAnswerIsNormalizedWithItsIdModelProviderAndFinishReason() {
    ChatResponse r = answer(resource("message-text.json"));

    assertThat(r.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
    assertThat(r.object()).isEqualTo("chat.completion");
    assertThat(r.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(r.provider()).isEqualTo("anthropic");
    assertThat(r.created()).isPositive();
    assertThat(r.choices()).hasSize(1);
    assertThat(r.text()).isEqualTo("The Seine, the Loire and the Rhône — all three reach the sea.");
    assertThat(r.message().toolCalls()).isEmpty();
    assertThat(r.message().reasoning()).isNull();
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("end_turn");
  }

  @Test
  void usageCountsCacheReadsAndWritesAsPromptTokensAndKeepsTheOneHourWrites() {
    Usage u = answer(resource("message-text.json")).usage();

    assertThat(u.promptTokens()).as("input + cache writes + cache reads").isEqualTo(21 + 1500 + 3000);
    assertThat(u.cachedTokens()).isEqualTo(3000);
    assertThat(u.cacheWriteTokens()).isEqualTo(1500);
    assertThat(u.completionTokens()).isEqualTo(19);
    assertThat(u.totalTokens()).isEqualTo(4521 + 19);
    assertThat(u.reasoningTokens()).as("Anthropic does not count thinking apart").isNull();
    assertThat(u.extra()).containsEntry("cache_write_1h_tokens", 1000)
        .containsEntry("cache_write_5m_tokens", 500);
    assertThat(u.estimated()).isFalse();
  }

  @Test
  void toolUseBlocksBecomeToolCallsWithTheirInputAsJsonText() {
    ChatResponse r = answer(resource("message-tool-use.json"));

    assertThat(r.text()).isEqualTo("I'll look up the weather in both cities.");
    assertThat(r.toolCalls()).containsExactly(
        new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
            "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
        new ToolCall("toolu_01B7hZ2mXkS3rT9vW4yQ1pE", "get_weather",
            "{\"city\":\"Lyon\",\"unit\":\"celsius\",\"days\":3}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("tool_use");
    assertThat(r.usage().promptTokens()).isEqualTo(472);
    assertThat(r.usage().cachedTokens()).isZero();
    assertThat(r.usage().extra()).doesNotContainKey("cache_write_1h_tokens");
  }

  @Test
  void anAnswerWithOnlyToolCallsHasNullContent() {
    String body = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",
         "content":[{"type":"tool_use","id":"toolu_1","name":"ping","input":{}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":10,"output_tokens":5}}""";
    ChatResponse r = answer(body);

    assertThat(r.message().content()).isNull();
    assertThat(r.toolCalls()).containsExactly(new ToolCall("toolu_1", "ping", "{}"));
    assertThat(r.usage().cachedTokens()).isNull();
    assertThat(r.usage().promptTokens()).isEqualTo(10);
  }

  @Test
  void thinkingBlocksBecomeReasoningAndReasoningDetailsWithSignatures() {
    ChatResponse r = answer(resource("message-thinking.json"));

    Message m = r.message();
    assertThat(m.content()).isEqualTo("27 × 453 = 12,231.");
    assertThat(m.reasoning())
        .isEqualTo("The user asks for 27 * 453. 27 * 400 = 10800, 27 * 53 = 1431, total 12231.");
    assertThat(m.reasoningDetails()).containsExactly(
        new ReasoningDetail("reasoning.text",
            "The user asks for 27 * 453. 27 * 400 = 10800, 27 * 53 = 1431, total 12231.", null,
            null, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2WSbXJ1c9Ly3ueZw0PHoGGVo0s8rVr8/pHlBqXhvmNy5sQz1Rh8q7MmNcdMSipOqGcZ",
            null, "anthropic-claude-v1", 0, null),
        new ReasoningDetail("reasoning.encrypted", null, null,
            "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pLmO5Mab+nSgH",
            null, null, "anthropic-claude-v1", 1, null));
    assertThat(r.usage().completionTokens()).isEqualTo(312);
  }

  @Test
  void excludedReasoningLeavesTheTextOutButKeepsTheDetailsForTheNextTurn() {
    ChatResponse r = answer(resource("message-thinking.json"), request().user("27 * 453?")
        .reasoning(new Reasoning(Reasoning.Effort.HIGH, null, true, null)).build());

    assertThat(r.message().reasoning()).isNull();
    assertThat(r.message().reasoningDetails()).hasSize(2);
  }

  @Test
  void thinkingComesBackUpstreamUnchangedOnTheNextTurn() {
    ChatResponse first = answer(resource("message-thinking.json"));
    fx.replyOk();
    fx.adapter.chat(fx.call(request().reasoning(Reasoning.maxTokens(1024)).maxTokens(4096)
        .user("27 * 453?").message(first.message()).user("And times 2?").build()));
    fx.taken();
    Map<String, Object> second = fx.sentBody();

    List<Object> assistant = list(at(second.get("messages"), 1).get("content"));
    assertThat(assistant).containsExactly(
        Map.of("type", "thinking",
            "thinking", "The user asks for 27 * 453. 27 * 400 = 10800, 27 * 53 = 1431, total 12231.",
            "signature", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2WSbXJ1c9Ly3ueZw0PHoGGVo0s8rVr8/pHlBqXhvmNy5sQz1Rh8q7MmNcdMSipOqGcZ"),
        Map.of("type", "redacted_thinking",
            "data", "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pLmO5Mab+nSgH"),
        Map.of("type", "text", "text", "27 × 453 = 12,231."));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "end_turn, STOP",
      "stop_sequence, STOP",
      "pause_turn, STOP",
      "max_tokens, LENGTH",
      "model_context_window_exceeded, LENGTH",
      "tool_use, TOOL_CALLS",
      "refusal, CONTENT_FILTER",
      "some_future_reason, STOP"})
  void everyStopReasonMapsAndTheNativeOneIsKept(String stopReason, FinishReason expected) {
    String body = """
        {"id":"msg_2","type":"message","role":"assistant","model":"claude-opus-4-1",
         "content":[{"type":"text","text":"Partial"}],
         "stop_reason":"%s","stop_sequence":%s,
         "usage":{"input_tokens":3,"output_tokens":2}}"""
        .formatted(stopReason, stopReason.equals("stop_sequence") ? "\"END\"" : "null");
    ChatResponse r = answer(body);

    assertThat(r.finishReason()).isEqualTo(expected);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo(stopReason);
    assertThat(r.text()).isEqualTo("Partial");
  }

  @Test
  void serverToolBlocksAreSkippedAndTextAroundCitationsIsJoined() {
    String body = """
        {"id":"msg_3","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[
           {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"Loire length"}},
           {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},
           {"type":"text","text":"The Loire is "},
           {"type":"text","text":"1,006 km long","citations":[{"type":"web_search_result_location","url":"https://example.org","title":"Loire","cited_text":"1,006 km"}]},
           {"type":"text","text":"."}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":900,"output_tokens":40,"server_tool_use":{"web_search_requests":1}}}""";
    ChatResponse r = answer(body);

    assertThat(r.text()).isEqualTo("The Loire is 1,006 km long.");
    assertThat(r.toolCalls()).isEmpty();
    assertThat(r.usage().extra()).containsKey("server_tool_use");
  }

  @Test
  void aReplyThatIsNotAMessageIsMalformed() {
    assertThatThrownBy(() -> answer("{\"id\":\"msg_4\",\"type\":\"message\"}"))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.path()).isEqualTo("$.content"));
    assertThatThrownBy(() -> answer("{\"content\":[{\"type\":\"tool_use\",\"input\":{}}]}"))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("$.content[0]");
    assertThatThrownBy(() -> answer("{\"content\":[ {\"type\":\"text\""))
        .isInstanceOf(MalformedResponseException.class);
  }
}
