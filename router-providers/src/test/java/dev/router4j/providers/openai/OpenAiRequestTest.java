package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.at;
import static dev.router4j.providers.openai.OpenAiFixture.list;
import static dev.router4j.providers.openai.OpenAiFixture.map;
import static dev.router4j.providers.openai.OpenAiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.CacheControl;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.providers.testing.StreamCollector;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upstream Chat Completions request, field by field, for api.openai.com. */
class OpenAiRequestTest {
  private static final Tool WEATHER = Tool.function("get_weather", "Current weather in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
          + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
          + "\"required\":[\"city\",\"unit\"],\"additionalProperties\":false}");

  private final OpenAiFixture fx = new OpenAiFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aPlainRequestGoesToChatCompletionsWithTheKeyAndEveryFieldMapped() {
    fx.replyOk();
    fx.adapter.chat(fx.call(request()
        .system("You are terse.")
        .developer("Answer in English.")
        .user("Name three rivers in France.")
        .temperature(0.2).topP(0.9).seed(42L).maxTokens(100)
        .stop(List.of("\n\n", "END"))
        .frequencyPenalty(0.5).presencePenalty(-0.5)
        .logitBias(Map.of("50256", -100))
        .userId("user-1234")
        .topK(40).minP(0.1).topA(0.2).repetitionPenalty(1.1)
        .build()));

    RecordedRequest sent = fx.taken();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiFixture.KEY);
    assertThat(sent.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(sent.getHeaders().get("Accept")).isEqualTo("application/json");

    Map<String, Object> body = OpenAiFixture.json(sent.getBody().utf8());
    assertThat(body).containsOnlyKeys("model", "messages", "temperature", "top_p", "seed",
        "max_completion_tokens", "stop", "frequency_penalty", "presence_penalty", "logit_bias",
        "user");
    assertThat(body.get("model")).isEqualTo("gpt-4.1");
    assertThat(body.get("messages")).isEqualTo(List.of(
        Map.of("role", "system", "content", "You are terse."),
        Map.of("role", "developer", "content", "Answer in English."),
        Map.of("role", "user", "content", "Name three rivers in France.")));
    assertThat(body.get("temperature")).isEqualTo(0.2);
    assertThat(body.get("top_p")).isEqualTo(0.9);
    assertThat(body.get("seed")).isEqualTo(42.0);
    assertThat(body.get("max_completion_tokens")).isEqualTo(100.0);
    assertThat(body.get("stop")).isEqualTo(List.of("\n\n", "END"));
    assertThat(body.get("frequency_penalty")).isEqualTo(0.5);
    assertThat(body.get("presence_penalty")).isEqualTo(-0.5);
    assertThat(body.get("logit_bias")).isEqualTo(Map.of("50256", -100.0));
    assertThat(body.get("user")).isEqualTo("user-1234");
  }

  @Test
  void aReasoningModelGetsMaxCompletionTokensAndEffortWithoutTheSamplingItRejects() {
    Map<String, Object> body = fx.sent(ChatRequest.builder().model("openai/o3-mini")
        .system("You are a careful mathematician.")
        .user("27 * 453?")
        .temperature(0.3).topP(0.8).frequencyPenalty(0.1).presencePenalty(0.1)
        .logprobs(true).topLogprobs(3).logitBias(Map.of("1", 5)).stop("\n")
        .maxTokens(4000).seed(7L)
        .reasoningEffort(Reasoning.Effort.HIGH)
        .build(), OpenAiFixture.O3_MINI);

    assertThat(body).containsOnlyKeys("model", "messages", "seed", "max_completion_tokens",
        "reasoning_effort");
    assertThat(body.get("model")).isEqualTo("o3-mini");
    assertThat(body.get("max_completion_tokens")).isEqualTo(4000.0);
    assertThat(body.get("reasoning_effort")).isEqualTo("high");
    assertThat(at(body.get("messages"), 0))
        .isEqualTo(Map.of("role", "developer", "content", "You are a careful mathematician."));
  }

  @Test
  void gpt5IsAReasoningModelItsChatVariantIsNot() {
    Map<String, Object> reasoning = fx.sent(request().user("Hi").temperature(0.5)
        .reasoning(Reasoning.effort(Reasoning.Effort.MAX)).build(), OpenAiFixture.GPT_5);
    assertThat(reasoning.get("reasoning_effort")).as("max is OpenAI's xhigh").isEqualTo("xhigh");
    assertThat(reasoning).doesNotContainKey("temperature");

    Endpoint chat = Endpoint.builder("openai", "openai/gpt-5-chat").upstreamModel("gpt-5-chat-latest").build();
    Map<String, Object> plain = fx.sent(request().user("Hi").temperature(0.5).maxTokens(50)
        .reasoning(Reasoning.effort(Reasoning.Effort.LOW)).build(), chat);
    assertThat(plain).containsEntry("temperature", 0.5).containsEntry("max_completion_tokens", 50.0)
        .doesNotContainKey("reasoning_effort");
  }

  @Test
  void aTokenBudgetBecomesTheNearestEffortAndReasoningOffBecomesNone() {
    Map<String, Object> budget = fx.sent(request().user("Hi").maxTokens(1000)
        .reasoning(Reasoning.maxTokens(800)).build(), OpenAiFixture.O3_MINI);
    assertThat(budget.get("reasoning_effort")).as("80% of the limit").isEqualTo("high");

    Map<String, Object> small = fx.sent(request().user("Hi").maxTokens(1000)
        .reasoning(Reasoning.maxTokens(150)).build(), OpenAiFixture.O3_MINI);
    assertThat(small.get("reasoning_effort")).isEqualTo("low");

    Map<String, Object> enabled = fx.sent(request().user("Hi")
        .reasoning(new Reasoning(null, null, null, true)).build(), OpenAiFixture.GPT_5);
    assertThat(enabled.get("reasoning_effort")).isEqualTo("medium");

    Map<String, Object> off = fx.sent(request().user("Hi")
        .reasoning(new Reasoning(null, null, null, false)).build(), OpenAiFixture.GPT_5);
    assertThat(off.get("reasoning_effort")).isEqualTo("none");

    Map<String, Object> excludeOnly = fx.sent(request().user("Hi")
        .reasoning(new Reasoning(null, null, true, null)).build(), OpenAiFixture.GPT_5);
    assertThat(excludeOnly).doesNotContainKey("reasoning_effort");
  }

  @Test
  void aNonReasoningModelGetsNoReasoningEffortAndKeepsItsSampling() {
    Map<String, Object> body = fx.sent(request().user("Hi").temperature(1.2)
        .reasoningEffort(Reasoning.Effort.HIGH).build());
    assertThat(body).containsEntry("temperature", 1.2).doesNotContainKey("reasoning_effort")
        .doesNotContainKey("reasoning");
  }

  @Test
  void o1MiniTakesNeitherSystemNorDeveloperSoInstructionsBecomeUserTurns() {
    Endpoint o1mini = Endpoint.builder("openai", "openai/o1-mini").build();
    Map<String, Object> body = fx.sent(request().system("Be brief.").developer("No lists.")
        .user("Why is the sky blue?").build(), o1mini);
    assertThat(list(body.get("messages"))).extracting(m -> map(m).get("role"))
        .containsExactly("user", "user", "user");
  }

  @Test
  void anEndpointThatTakesReasoningButNotTemperatureIsTreatedAsAReasoningModel() {
    Endpoint flagged = Endpoint.builder("openai", "openai/future-thinker")
        .supportedParameters("reasoning", "include_reasoning", "max_tokens", "tools").build();
    Map<String, Object> body = fx.sent(request().system("S").user("Hi").temperature(0.4)
        .maxTokens(10).reasoningEffort(Reasoning.Effort.LOW).build(), flagged);
    assertThat(body).doesNotContainKey("temperature")
        .containsEntry("reasoning_effort", "low")
        .containsEntry("max_completion_tokens", 10.0);
    assertThat(at(body.get("messages"), 0).get("role")).isEqualTo("developer");
  }

  @Test
  void toolsGoAsFunctionsWithStrictChoiceAndParallelCalls() {
    Tool strict = new Tool("lookup", "Looks a river up",
        Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"))), true);
    Map<String, Object> body = fx.sent(request().user("Weather in Paris and Lyon?")
        .tools(WEATHER, strict)
        .toolChoice(ToolChoice.function("get_weather"))
        .parallelToolCalls(false)
        .build());

    assertThat(list(body.get("tools"))).hasSize(2);
    Map<String, Object> first = at(body.get("tools"), 0);
    assertThat(first.get("type")).isEqualTo("function");
    Map<String, Object> fn = map(first.get("function"));
    assertThat(fn.get("name")).isEqualTo("get_weather");
    assertThat(fn.get("description")).isEqualTo("Current weather in a city");
    assertThat(map(fn.get("parameters")).get("required")).isEqualTo(List.of("city", "unit"));
    assertThat(fn).doesNotContainKey("strict");
    assertThat(map(at(body.get("tools"), 1).get("function")).get("strict")).isEqualTo(true);
    assertThat(body.get("tool_choice"))
        .isEqualTo(Map.of("type", "function", "function", Map.of("name", "get_weather")));
    assertThat(body.get("parallel_tool_calls")).isEqualTo(false);

    Map<String, Object> required = fx.sent(request().user("x").tools(WEATHER)
        .toolChoice(ToolChoice.REQUIRED).build());
    assertThat(required.get("tool_choice")).isEqualTo("required");
  }

  @Test
  void aToolRoundTripSendsTheCallsWithNullContentAndTheResultByCallId() {
    Map<String, Object> body = fx.sent(request()
        .user("Weather in Paris?")
        .message(Message.assistant(List.of(new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA",
            "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"))))
        .message(Message.tool("call_DdmO9pD3xa9XTPNJ32zg2hcA", "{\"celsius\":21}"))
        .tools(WEATHER)
        .build());

    Map<String, Object> assistant = at(body.get("messages"), 1);
    assertThat(assistant).containsEntry("role", "assistant").containsEntry("content", null);
    Map<String, Object> call = at(assistant.get("tool_calls"), 0);
    assertThat(call).containsEntry("id", "call_DdmO9pD3xa9XTPNJ32zg2hcA")
        .containsEntry("type", "function");
    assertThat(map(call.get("function"))).containsEntry("name", "get_weather")
        .containsEntry("arguments", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
    assertThat(at(body.get("messages"), 2)).isEqualTo(Map.of("role", "tool",
        "tool_call_id", "call_DdmO9pD3xa9XTPNJ32zg2hcA", "content", "{\"celsius\":21}"));
  }

  @Test
  void responseFormatsGoAsJsonObjectOrStrictJsonSchema() {
    Map<String, Object> object = fx.sent(request().user("x")
        .responseFormat(ResponseFormat.JSON_OBJECT).build());
    assertThat(object.get("response_format")).isEqualTo(Map.of("type", "json_object"));

    Map<String, Object> schema = fx.sent(request().user("x").responseFormat(
        ResponseFormat.jsonSchema("rivers", "{\"type\":\"object\",\"properties\":{\"names\":"
            + "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"names\"],"
            + "\"additionalProperties\":false}")).build());
    Map<String, Object> format = map(schema.get("response_format"));
    assertThat(format.get("type")).isEqualTo("json_schema");
    Map<String, Object> js = map(format.get("json_schema"));
    assertThat(js).containsEntry("name", "rivers").containsEntry("strict", true);
    assertThat(map(js.get("schema")).get("required")).isEqualTo(List.of("names"));
  }

  @Test
  void imagesFilesAndAudioGoAsTheirParts() {
    Map<String, Object> body = fx.sent(request().message(Message.user(List.of(
        ContentPart.text("What is in these?"),
        ContentPart.imageUrl("https://example.com/cat.png").withDetail("high"),
        ContentPart.imageBase64("image/png", "iVBORw0KGgo="),
        new ContentPart.File("report.pdf", "JVBERi0xLjQ=", null),
        new ContentPart.File(null, null, "file-abc123"),
        new ContentPart.Audio("UklGRiQAAABXQVZF", "wav")))).build());

    List<Object> parts = list(at(body.get("messages"), 0).get("content"));
    assertThat(parts.get(0)).isEqualTo(Map.of("type", "text", "text", "What is in these?"));
    assertThat(parts.get(1)).isEqualTo(Map.of("type", "image_url",
        "image_url", Map.of("url", "https://example.com/cat.png", "detail", "high")));
    assertThat(parts.get(2)).isEqualTo(Map.of("type", "image_url",
        "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo=")));
    assertThat(parts.get(3)).as("a bare base64 file becomes a data URL").isEqualTo(Map.of(
        "type", "file", "file", Map.of("filename", "report.pdf",
            "file_data", "data:application/pdf;base64,JVBERi0xLjQ=")));
    assertThat(parts.get(4)).isEqualTo(Map.of("type", "file", "file", Map.of("file_id", "file-abc123")));
    assertThat(parts.get(5)).isEqualTo(Map.of("type", "input_audio",
        "input_audio", Map.of("data", "UklGRiQAAABXQVZF", "format", "wav")));
  }

  @Test
  void logprobsAndTopLogprobsAreAskedFor() {
    Map<String, Object> body = fx.sent(request().user("Yes or no?").logprobs(true).topLogprobs(2).build());
    assertThat(body).containsEntry("logprobs", true).containsEntry("top_logprobs", 2.0);

    Map<String, Object> impliedLogprobs = fx.sent(request().user("x").topLogprobs(5).build());
    assertThat(impliedLogprobs).as("OpenAI refuses top_logprobs alone")
        .containsEntry("logprobs", true).containsEntry("top_logprobs", 5.0);
  }

  @Test
  void aStreamAsksForEventsAndForUsage() {
    fx.replyStream(OpenAiFixture.resource("stream-text.sse"), 4096);
    StreamCollector c = new StreamCollector();
    fx.adapter.stream(fx.call(request().user("Rivers?").build()), c);
    assertThat(c.await()).isNull();

    RecordedRequest sent = fx.taken();
    assertThat(sent.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    Map<String, Object> body = OpenAiFixture.json(sent.getBody().utf8());
    assertThat(body).containsEntry("stream", true)
        .containsEntry("stream_options", Map.of("include_usage", true));
  }

  @Test
  void extraFieldsPassThroughButNeverReplaceMappedOnes() {
    Map<String, Object> body = fx.sent(request().user("x").maxTokens(5)
        .extra("prediction", Map.of("type", "content", "content", "draft"))
        .extra("store", true)
        .extra("service_tier", "flex")
        .extra("model", "something-else")
        .build());
    assertThat(body).containsEntry("prediction", Map.of("type", "content", "content", "draft"))
        .containsEntry("store", true).containsEntry("service_tier", "flex")
        .containsEntry("model", "gpt-4.1");
  }

  @Test
  void anAssistantTurnKeepsItsRefusalButNotOpenRouterOnlyFields() {
    Message said = Message.builder(Role.ASSISTANT).refusal("I can't help with that.")
        .reasoning("thinking...").reasoningDetails(List.of(ReasoningDetail.encrypted("abc")))
        .build();
    Map<String, Object> body = fx.sent(request().user("x").message(said)
        .message(Message.user(List.of(new ContentPart.Text("cached", CacheControl.EPHEMERAL))))
        .build());

    Map<String, Object> assistant = at(body.get("messages"), 1);
    assertThat(assistant).containsEntry("refusal", "I can't help with that.")
        .containsEntry("content", null)
        .doesNotContainKeys("reasoning", "reasoning_details");
    assertThat(at(body.get("messages"), 2).get("content"))
        .as("OpenAI rejects cache_control").isEqualTo(List.of(Map.of("type", "text", "text", "cached")));
  }

  @Test
  void aLegacyPromptBecomesAUserTurn() {
    Map<String, Object> body = fx.sent(ChatRequest.builder().model("openai/gpt-4.1")
        .prompt("Once upon a time").build());
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "user", "content", "Once upon a time")));
    assertThat(body).doesNotContainKey("prompt");
  }

  @Test
  void routerSidePluginsProviderPreferencesAndFallbackModelsNeverGoToOpenAi() {
    Map<String, Object> body = fx.sent(request().user("x").models("openai/gpt-4o")
        .plugins(Plugin.of(Plugin.WEB)).sessionId("s-1")
        .provider(p -> p.allowFallbacks(false)).build());
    assertThat(body).doesNotContainKeys("models", "provider", "plugins", "session_id");
  }
}
