package dev.router4j.providers.anthropic;

import static dev.router4j.providers.anthropic.AnthropicFixture.at;
import static dev.router4j.providers.anthropic.AnthropicFixture.list;
import static dev.router4j.providers.anthropic.AnthropicFixture.map;
import static dev.router4j.providers.anthropic.AnthropicFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.CacheControl;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.providers.Anthropic;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the adapter sends upstream: path, headers and the body, field by field. */
class AnthropicRequestTest {
  private AnthropicFixture fx = new AnthropicFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private Map<String, Object> send(ChatRequest request) {
    fx.replyOk();
    fx.adapter.chat(fx.call(request));
    return fx.sentBody();
  }

  private static final Tool WEATHER = Tool.function("get_weather", "Current weather for a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

  @Test
  void postsToMessagesWithTheKeyAndVersionHeadersAndTheUpstreamModel() {
    assertThat(fx.adapter.protocol()).isEqualTo("anthropic-messages");
    fx.replyOk();
    fx.adapter.chat(fx.call(request().user("Rivers of France?").build()));

    RecordedRequest sent = fx.taken();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(sent.getHeaders().get("x-api-key")).isEqualTo(AnthropicFixture.KEY);
    assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(sent.getHeaders().get("content-type")).isEqualTo("application/json");
    assertThat(sent.getHeaders().get("anthropic-beta")).isNull();
    assertThat(sent.getHeaders().get("authorization")).isNull();

    Map<String, Object> body = AnthropicFixture.json(sent.getBody().utf8());
    assertThat(body.get("model")).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(body.get("max_tokens")).isEqualTo(4096.0);
    assertThat(body).doesNotContainKeys("system", "stream", "thinking", "temperature", "tools");
    assertThat(list(body.get("messages"))).containsExactly(Map.of("role", "user",
        "content", List.of(Map.of("type", "text", "text", "Rivers of France?"))));
  }

  @Test
  void theBuilderSetsTheVersionTheBetasAndExtraHeaders() {
    fx.close();
    fx = new AnthropicFixture(Anthropic.builder().version("2024-10-22")
        .beta("files-api-2025-04-14").beta("context-1m-2025-08-07", "files-api-2025-04-14")
        .header("x-team", "search"));
    fx.replyOk();
    fx.adapter.chat(fx.call(request().user("hi").build()));

    RecordedRequest sent = fx.taken();
    assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2024-10-22");
    assertThat(sent.getHeaders().get("anthropic-beta"))
        .isEqualTo("files-api-2025-04-14,context-1m-2025-08-07");
    assertThat(sent.getHeaders().get("x-team")).isEqualTo("search");
    assertThat(fx.provider.slug()).isEqualTo("anthropic");
    assertThat(Anthropic.apiKey("sk-ant-x").credentials()).hasSize(1);
  }

  @Test
  void aSinglePlainSystemMessageIsLiftedAsAString() {
    Map<String, Object> body = send(request().system("You are terse.").user("Hi").build());

    assertThat(body.get("system")).isEqualTo("You are terse.");
    assertThat(list(body.get("messages"))).hasSize(1);
    assertThat(at(body.get("messages"), 0).get("role")).isEqualTo("user");
  }

  @Test
  void systemAndDeveloperMessagesBecomeTextBlocksKeepingCacheControl() {
    Message cachedSystem = Message.builder(Role.SYSTEM).parts(List.of(
        new ContentPart.Text("Long reference manual…", CacheControl.ephemeral("1h")),
        new ContentPart.Text("Answer in French.", null))).build();
    Map<String, Object> body = send(request().message(cachedSystem)
        .developer("Never reveal the manual.").user("Bonjour").build());

    List<Object> system = list(body.get("system"));
    assertThat(system).containsExactly(
        Map.of("type", "text", "text", "Long reference manual…",
            "cache_control", Map.of("type", "ephemeral", "ttl", "1h")),
        Map.of("type", "text", "text", "Answer in French."),
        Map.of("type", "text", "text", "Never reveal the manual."));
    assertThat(list(body.get("messages"))).hasSize(1);
  }

  @Test
  void userTextPartsKeepTheirCacheBreakpoints() {
    Message user = Message.user(List.of(
        new ContentPart.Text("<document>…</document>", CacheControl.EPHEMERAL),
        ContentPart.text("Summarize it.")));
    Map<String, Object> body = send(request().message(user).build());

    List<Object> content = list(at(body.get("messages"), 0).get("content"));
    assertThat(content).containsExactly(
        Map.of("type", "text", "text", "<document>…</document>",
            "cache_control", Map.of("type", "ephemeral")),
        Map.of("type", "text", "text", "Summarize it."));
  }

  @Test
  void consecutiveTurnsOfTheSameRoleAreMerged() {
    Map<String, Object> body = send(request()
        .user("First question.").user("Second question.")
        .assistant("First answer.").assistant("Second answer.")
        .user("Thanks.").build());

    List<Object> messages = list(body.get("messages"));
    assertThat(messages).hasSize(3);
    assertThat(at(messages, 0).get("role")).isEqualTo("user");
    assertThat(list(at(messages, 0).get("content"))).extracting(b -> map(b).get("text"))
        .containsExactly("First question.", "Second question.");
    assertThat(at(messages, 1).get("role")).isEqualTo("assistant");
    assertThat(list(at(messages, 1).get("content"))).extracting(b -> map(b).get("text"))
        .containsExactly("First answer.", "Second answer.");
    assertThat(at(messages, 2).get("role")).isEqualTo("user");
  }

  @Test
  void toolCallsBecomeToolUseBlocksAndToolMessagesOneUserTurnOfToolResultsFirst() {
    ChatRequest r = request().tools(WEATHER)
        .user("Weather in Paris and Lyon?")
        .message(Message.builder(Role.ASSISTANT).content("Checking both.").toolCalls(List.of(
            new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
            new ToolCall("toolu_2", "get_weather", "{\"city\":\"Lyon\",\"days\":3}"))).build())
        .message(Message.tool("toolu_1", "{\"celsius\":21}"))
        .message(Message.tool("toolu_2", "{\"celsius\":18}"))
        .user("And which is warmer?")
        .build();
    Map<String, Object> body = send(r);

    List<Object> messages = list(body.get("messages"));
    assertThat(messages).hasSize(3);
    Map<String, Object> assistant = at(messages, 1);
    assertThat(assistant.get("role")).isEqualTo("assistant");
    assertThat(list(assistant.get("content"))).containsExactly(
        Map.of("type", "text", "text", "Checking both."),
        Map.of("type", "tool_use", "id", "toolu_1", "name", "get_weather",
            "input", Map.of("city", "Paris")),
        Map.of("type", "tool_use", "id", "toolu_2", "name", "get_weather",
            "input", Map.of("city", "Lyon", "days", 3.0)));
    Map<String, Object> results = at(messages, 2);
    assertThat(results.get("role")).isEqualTo("user");
    assertThat(list(results.get("content"))).containsExactly(
        Map.of("type", "tool_result", "tool_use_id", "toolu_1", "content", "{\"celsius\":21}"),
        Map.of("type", "tool_result", "tool_use_id", "toolu_2", "content", "{\"celsius\":18}"),
        Map.of("type", "text", "text", "And which is warmer?"));
  }

  @Test
  void toolResultsGoAheadOfUserTextGivenBeforeThem() {
    ChatRequest r = request().tools(WEATHER)
        .user("Weather in Paris?")
        .message(Message.assistant(List.of(new ToolCall("toolu_1", "get_weather", ""))))
        .user("(the user typed while the tool ran)")
        .message(Message.tool("toolu_1", "sunny"))
        .build();
    Map<String, Object> body = send(r);

    List<Object> messages = list(body.get("messages"));
    assertThat(at(list(at(messages, 1).get("content")), 0).get("input")).isEqualTo(Map.of());
    assertThat(list(at(messages, 2).get("content"))).extracting(b -> map(b).get("type"))
        .containsExactly("tool_result", "text");
  }

  @Test
  void malformedToolCallArgumentsAreRejectedNamingTheMessage() {
    ChatRequest r = request().tools(WEATHER).user("Weather?")
        .message(Message.assistant(List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":"))))
        .message(Message.tool("toolu_1", "sunny"))
        .build();

    assertThatThrownBy(() -> fx.adapter.chat(fx.call(r)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("messages[1].tool_calls[0].function.arguments");
          assertThat(e.getMessage()).contains("toolu_1");
        });
    ChatRequest notObject = request().user("Weather?")
        .message(Message.assistant(List.of(new ToolCall("toolu_1", "get_weather", "[1,2]"))))
        .build();
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(notObject)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a JSON object");
    assertThat(fx.server.getRequestCount()).isZero();
  }

  @Test
  void imagesGoAsBase64OrUrlSources() {
    Message user = Message.user("What is in these?",
        ContentPart.imageBase64("image/png", "iVBORw0KGgoAAAANSUhEUg=="),
        new ContentPart.Image("https://example.com/cat.jpg", "high"));
    Map<String, Object> body = send(request().message(user).build());

    List<Object> content = list(at(body.get("messages"), 0).get("content"));
    assertThat(content).containsExactly(
        Map.of("type", "text", "text", "What is in these?"),
        Map.of("type", "image", "source", Map.of("type", "base64", "media_type", "image/png",
            "data", "iVBORw0KGgoAAAANSUhEUg==")),
        Map.of("type", "image", "source", Map.of("type", "url", "url", "https://example.com/cat.jpg")));
  }

  @Test
  void filesBecomeDocumentBlocks() {
    Message user = Message.user(List.of(
        new ContentPart.File("report.pdf", "data:application/pdf;base64,JVBERi0xLjQK", null),
        new ContentPart.File(null, "https://example.com/paper.pdf", null),
        new ContentPart.File("notes.txt", "data:text/plain;base64,SGVsbG8sIHdvcmxk", null),
        new ContentPart.File(null, null, "file_011CNha8iCJcU1wXNR6q4V8w"),
        ContentPart.text("Compare them.")));
    Map<String, Object> body = send(request().message(user).build());

    List<Object> content = list(at(body.get("messages"), 0).get("content"));
    assertThat(content).containsExactly(
        Map.of("type", "document", "title", "report.pdf", "source",
            Map.of("type", "base64", "media_type", "application/pdf", "data", "JVBERi0xLjQK")),
        Map.of("type", "document", "source",
            Map.of("type", "url", "url", "https://example.com/paper.pdf")),
        Map.of("type", "document", "title", "notes.txt", "source",
            Map.of("type", "text", "media_type", "text/plain", "data", "Hello, world")),
        Map.of("type", "document", "source",
            Map.of("type", "file", "file_id", "file_011CNha8iCJcU1wXNR6q4V8w")),
        Map.of("type", "text", "text", "Compare them."));
  }

  @Test
  void audioInputIsRejectedBeforeAnythingIsSent() {
    Message user = Message.user("Transcribe.", new ContentPart.Audio("UklGRg==", "wav"));
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().message(user).build())))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("messages[0].content[1]"));
    assertThat(fx.server.getRequestCount()).isZero();
  }

  @Test
  void maxTokensComesFromTheRequestElseTheEndpointElseTheDefault() {
    send(request().user("a").maxTokens(300).build());
    fx.replyOk();
    fx.adapter.chat(fx.call(request().user("a").maxTokens(300).maxCompletionTokens(700).build()));
    Map<String, Object> completion = fx.sentBody();
    fx.replyOk();
    fx.adapter.chat(fx.call(request().user("a").build(), AnthropicFixture.SONNET_64K));
    Map<String, Object> endpoint = fx.sentBody();
    Map<String, Object> fallback = send(request().user("a").build());

    assertThat(completion.get("max_tokens")).isEqualTo(700.0);
    assertThat(endpoint.get("max_tokens")).isEqualTo(64000.0);
    assertThat(fallback.get("max_tokens")).isEqualTo(4096.0);
  }

  @Test
  void samplingStopAndUserMapAndOpenAiOnlyParametersAreNotSent() {
    Map<String, Object> body = send(request().user("a")
        .temperature(1.6).topP(0.9).topK(40).stop(List.of("\n\nHuman:", "END"))
        .userId("user-42").seed(7L).frequencyPenalty(0.5).presencePenalty(0.2)
        .logitBias(Map.of("1234", -100)).logprobs(true).topLogprobs(3).minP(0.1)
        .extra("service_tier", "standard_only").extra("stream_options", Map.of("include_usage", true))
        .build());

    assertThat(body.get("temperature")).as("clamped to Anthropic's maximum").isEqualTo(1.0);
    assertThat(body.get("top_p")).isEqualTo(0.9);
    assertThat(body.get("top_k")).isEqualTo(40.0);
    assertThat(body.get("stop_sequences")).isEqualTo(List.of("\n\nHuman:", "END"));
    assertThat(body.get("metadata")).isEqualTo(Map.of("user_id", "user-42"));
    assertThat(body.get("service_tier")).isEqualTo("standard_only");
    assertThat(body).doesNotContainKeys("seed", "frequency_penalty", "presence_penalty",
        "logit_bias", "logprobs", "top_logprobs", "min_p", "stop", "user", "stream_options");
  }

  @Test
  void temperatureWithinAnthropicsRangeIsSentAsIs() {
    Map<String, Object> body = send(request().user("a").temperature(0.3).topK(0).build());
    assertThat(body.get("temperature")).isEqualTo(0.3);
    assertThat(body).doesNotContainKey("top_k");
  }

  @Test
  void reasoningTokensBecomeAThinkingBudgetAndSamplingChangesAreDropped() {
    Map<String, Object> body = send(request().user("Prove it.").maxTokens(8000)
        .reasoning(Reasoning.maxTokens(2048)).temperature(0.2).topK(5).topP(0.5).build());

    assertThat(body.get("thinking")).isEqualTo(Map.of("type", "enabled", "budget_tokens", 2048.0));
    assertThat(body.get("max_tokens")).isEqualTo(8000.0);
    assertThat(body).doesNotContainKeys("temperature", "top_k");
    assertThat(body.get("top_p")).as("raised into the range thinking allows").isEqualTo(0.95);
  }

  @ParameterizedTest(name = "{0} of max_tokens {1} -> budget {2}, max_tokens {3}")
  @CsvSource({
      "high,    10000, 8000, 10000",
      "medium,  10000, 5000, 10000",
      "low,     4096,  1024, 4096",
      "minimal, 4096,  1024, 4096",
      "xhigh,   20000, 19000, 20000",
      "low,     800,   1024, 1824"})
  void effortIsAShareOfMaxTokensAtLeast1024AndBelowMaxTokens(
      String effort, int max, int budget, int expectedMax) {
    Map<String, Object> body = send(request().user("Think.").maxTokens(max)
        .reasoningEffort(Reasoning.Effort.fromWire(effort)).build());

    assertThat(map(body.get("thinking")).get("budget_tokens")).isEqualTo((double) budget);
    assertThat(body.get("max_tokens")).isEqualTo((double) expectedMax);
  }

  @Test
  void aBudgetAboveMaxTokensRaisesMaxTokensWithinTheEndpointLimit() {
    Map<String, Object> raised = send(request().user("Think hard.").maxTokens(4000)
        .reasoning(Reasoning.maxTokens(16000)).build());
    assertThat(raised.get("max_tokens")).isEqualTo(20000.0);
    assertThat(map(raised.get("thinking")).get("budget_tokens")).isEqualTo(16000.0);

    fx.replyOk();
    fx.adapter.chat(fx.call(request().user("Think harder.").maxTokens(60000)
        .reasoning(Reasoning.maxTokens(63000)).build(), AnthropicFixture.SONNET_64K));
    Map<String, Object> capped = fx.sentBody();
    assertThat(capped.get("max_tokens")).isEqualTo(64000.0);
    assertThat(map(capped.get("thinking")).get("budget_tokens")).isEqualTo(63000.0);
  }

  @Test
  void reasoningTurnedOffSendsThinkingDisabledAndKeepsSampling() {
    Map<String, Object> off = send(request().user("Quick.").temperature(0.5)
        .reasoning(new Reasoning(null, null, null, false)).build());
    Map<String, Object> none = send(request().user("Quick.")
        .reasoningEffort(Reasoning.Effort.NONE).build());

    assertThat(off.get("thinking")).isEqualTo(Map.of("type", "disabled"));
    assertThat(off.get("temperature")).isEqualTo(0.5);
    assertThat(none.get("thinking")).isEqualTo(Map.of("type", "disabled"));
  }

  @Test
  void thinkingIsLeftOffWhenTheToolChoiceForcesATool() {
    Map<String, Object> body = send(request().user("Weather?").tools(WEATHER)
        .toolChoice(ToolChoice.REQUIRED).reasoningEffort(Reasoning.Effort.HIGH).build());

    assertThat(body).doesNotContainKey("thinking");
    assertThat(body.get("tool_choice")).isEqualTo(Map.of("type", "any"));
  }

  @Test
  void thinkingIsLeftOffWhenAToolLoopContinuesFromATurnWithoutThinking() {
    ChatRequest fromAnotherProvider = request().tools(WEATHER)
        .reasoningEffort(Reasoning.Effort.MEDIUM).maxTokens(8000)
        .user("Weather in Oslo?")
        .message(Message.assistant(List.of(new ToolCall("call_abc", "get_weather", "{\"city\":\"Oslo\"}"))))
        .message(Message.tool("call_abc", "snow"))
        .build();
    Map<String, Object> body = send(fromAnotherProvider);
    assertThat(body).doesNotContainKey("thinking");

    ChatRequest plainHistory = request().reasoningEffort(Reasoning.Effort.MEDIUM).maxTokens(8000)
        .user("Hi").assistant("Hello!").user("Think about rivers.").build();
    assertThat(send(plainHistory).get("thinking"))
        .isEqualTo(Map.of("type", "enabled", "budget_tokens", 4000.0));
  }

  @Test
  void anthropicReasoningDetailsAreEchoedFirstAsThinkingBlocksWithTheirSignatures() {
    Message assistant = Message.builder(Role.ASSISTANT)
        .content("Let me check.")
        .reasoning("I should call the tool.")
        .reasoningDetails(List.of(
            new ReasoningDetail("reasoning.text", "I should call the tool.", null, null,
                "EqQBCgIYAhIMsig==", null, "anthropic-claude-v1", 0, null),
            new ReasoningDetail("reasoning.encrypted", null, null, "EmwKAhgBEgy3va==", null,
                null, "anthropic-claude-v1", 1, null),
            new ReasoningDetail("reasoning.encrypted", null, null, "gAAAAABo-openai", null,
                "rs_1", "openai-responses-v1", 0, null),
            ReasoningDetail.text("unsigned thoughts cannot be replayed", null)))
        .toolCalls(List.of(new ToolCall("toolu_9", "get_weather", "{\"city\":\"Oslo\"}")))
        .build();
    Map<String, Object> body = send(request().tools(WEATHER)
        .reasoning(Reasoning.maxTokens(2000)).maxTokens(6000)
        .user("Weather in Oslo?").message(assistant)
        .message(Message.tool("toolu_9", "snow")).build());

    List<Object> blocks = list(at(body.get("messages"), 1).get("content"));
    assertThat(blocks).containsExactly(
        Map.of("type", "thinking", "thinking", "I should call the tool.",
            "signature", "EqQBCgIYAhIMsig=="),
        Map.of("type", "redacted_thinking", "data", "EmwKAhgBEgy3va=="),
        Map.of("type", "text", "text", "Let me check."),
        Map.of("type", "tool_use", "id", "toolu_9", "name", "get_weather",
            "input", Map.of("city", "Oslo")));
  }

  @ParameterizedTest(name = "{0}, parallel={1}")
  @CsvSource(nullValues = "null", value = {
      "auto,     null,  '{\"type\":\"auto\"}'",
      "required, null,  '{\"type\":\"any\"}'",
      "none,     null,  '{\"type\":\"none\"}'",
      "function, null,  '{\"type\":\"tool\",\"name\":\"get_weather\"}'",
      "auto,     false, '{\"type\":\"auto\",\"disable_parallel_tool_use\":true}'",
      "required, false, '{\"type\":\"any\",\"disable_parallel_tool_use\":true}'",
      "function, false, '{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}'",
      "none,     false, '{\"type\":\"none\"}'",
      "null,     false, '{\"type\":\"auto\",\"disable_parallel_tool_use\":true}'",
      "auto,     true,  '{\"type\":\"auto\"}'"})
  void toolChoiceFormsAndParallelToolUse(String mode, Boolean parallel, String expected) {
    ToolChoice choice = mode == null ? null : switch (mode) {
      case "auto" -> ToolChoice.AUTO;
      case "required" -> ToolChoice.REQUIRED;
      case "none" -> ToolChoice.NONE;
      default -> ToolChoice.function("get_weather");
    };
    Map<String, Object> body = send(request().user("Weather?").tools(WEATHER)
        .toolChoice(choice).parallelToolCalls(parallel).build());

    assertThat(body.get("tool_choice")).isEqualTo(AnthropicFixture.json(expected));
  }

  @Test
  void toolsCarryNameDescriptionSchemaAndStrict() {
    Tool strict = new Tool("lookup", null, Map.of("type", "object",
        "properties", Map.of("id", Map.of("type", "integer")),
        "additionalProperties", false), true);
    Tool bare = new Tool("ping", "Checks the service", null, null);
    Map<String, Object> body = send(request().user("a").tools(WEATHER, strict, bare).build());

    List<Object> tools = list(body.get("tools"));
    assertThat(at(tools, 0)).isEqualTo(Map.of("name", "get_weather",
        "description", "Current weather for a city",
        "input_schema", Map.of("type", "object",
            "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))));
    assertThat(at(tools, 1)).isEqualTo(Map.of("name", "lookup", "strict", true,
        "input_schema", Map.of("type", "object",
            "properties", Map.of("id", Map.of("type", "integer")),
            "additionalProperties", false)));
    assertThat(at(tools, 2)).isEqualTo(Map.of("name", "ping", "description", "Checks the service",
        "input_schema", Map.of("type", "object", "properties", Map.of())));
    assertThat(body).doesNotContainKey("tool_choice");
  }

  @Test
  void jsonSchemaBecomesNativeStructuredOutputAndJsonObjectIsLeftToHealing() {
    Map<String, Object> schema = send(request().user("A city, as JSON.")
        .responseFormat(ResponseFormat.jsonSchema("city",
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
                + "\"required\":[\"name\"],\"additionalProperties\":false}"))
        .build());
    Map<String, Object> object = send(request().user("A city, as JSON.")
        .responseFormat(ResponseFormat.JSON_OBJECT).build());

    assertThat(schema.get("output_config")).isEqualTo(Map.of("format", Map.of(
        "type", "json_schema",
        "schema", Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")),
            "required", List.of("name"), "additionalProperties", false))));
    assertThat(object).doesNotContainKeys("output_config", "response_format");
  }

  @Test
  void aLegacyPromptIsSentAsAUserTurn() {
    Map<String, Object> body = send(ChatRequest.builder().model("anthropic/claude-sonnet-4.5")
        .prompt("Once upon a time").build());

    assertThat(list(body.get("messages"))).containsExactly(Map.of("role", "user",
        "content", List.of(Map.of("type", "text", "text", "Once upon a time"))));
  }
}
