package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.InvalidRequestException;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** What the adapter sends to Gemini: URL, headers and the body, member by member. */
class GeminiRequestTest extends GeminiTestSupport {

  private static ChatRequest.Builder base() {
    return ChatRequest.builder().model("google/gemini-2.5-flash");
  }

  @Test
  void postsToGenerateContentWithTheKeyInAHeaderAndNeverInTheUrl() throws Exception {
    enqueueJson(200, resource("generate-text.json"));
    chat(base().user("Name three rivers in France.").build());

    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(r.getUrl().query()).isNull();
    assertThat(r.getUrl().toString()).doesNotContain(KEY);
    assertThat(r.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
    assertThat(r.getHeaders().get("Authorization")).isNull();
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");

    Map<String, Object> body = json(r);
    assertThat(body).containsOnlyKeys("contents");
    assertThat(body.get("contents")).isEqualTo(List.of(
        Map.of("role", "user", "parts", List.of(Map.of("text", "Name three rivers in France.")))));
  }

  @Test
  void aModelNameWithAResourcePathIsUsedAsItIs() throws Exception {
    enqueueJson(200, resource("generate-text.json"));
    provider.adapter().chat(call(base().user("hi").build(), "models/gemini-2.0-flash"));
    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
  }

  @Test
  void systemAndDeveloperMessagesBecomeTheSystemInstruction() throws Exception {
    Map<String, Object> body = sent(base()
        .system("You are terse.")
        .developer("Answer in English.")
        .user("Rivers?")
        .build());

    assertThat(body.get("systemInstruction")).isEqualTo(Map.of("parts",
        List.of(Map.of("text", "You are terse."), Map.of("text", "Answer in English."))));
    assertThat(arr(body.get("contents"))).hasSize(1);
    assertThat(at(body, "contents", 0, "role")).isEqualTo("user");
  }

  @Test
  void consecutiveTurnsOfTheSameRoleAreMerged() throws Exception {
    Map<String, Object> body = sent(base()
        .user("First question.")
        .user("Second question.")
        .assistant("First answer.")
        .assistant("Second answer.")
        .user("Thanks.")
        .build());

    List<Object> contents = arr(body.get("contents"));
    assertThat(contents).hasSize(3);
    assertThat(contents.get(0)).isEqualTo(Map.of("role", "user", "parts",
        List.of(Map.of("text", "First question."), Map.of("text", "Second question."))));
    assertThat(contents.get(1)).isEqualTo(Map.of("role", "model", "parts",
        List.of(Map.of("text", "First answer."), Map.of("text", "Second answer."))));
    assertThat(contents.get(2)).isEqualTo(Map.of("role", "user", "parts",
        List.of(Map.of("text", "Thanks."))));
  }

  @Test
  void imagesFilesAndAudioBecomeInlineDataOrFileData() throws Exception {
    Message m = Message.user(List.of(
        ContentPart.text("Compare these."),
        ContentPart.imageBase64("image/png", "iVBORw0KGgo="),
        ContentPart.imageUrl("https://example.com/photos/cat.webp?size=large"),
        ContentPart.imageUrl("https://example.com/render"),
        new ContentPart.File("report.pdf", "data:application/pdf;base64,JVBERi0xLjc=", null),
        new ContentPart.File("notes.txt", "SGVsbG8=", null),
        new ContentPart.File(null, "gs://bucket/contract.pdf", null),
        new ContentPart.File("slides.pdf", null,
            "https://generativelanguage.googleapis.com/v1beta/files/abc123"),
        new ContentPart.Audio("UklGRiQAAABXQVZF", "wav"),
        new ContentPart.Audio("SUQzBAAAAAAA", "mp3")));
    Map<String, Object> body = sent(base().message(m).build());

    List<Object> parts = arr(at(body, "contents", 0, "parts"));
    assertThat(parts).containsExactly(
        Map.of("text", "Compare these."),
        Map.of("inlineData", Map.of("mimeType", "image/png", "data", "iVBORw0KGgo=")),
        Map.of("fileData", Map.of("mimeType", "image/webp",
            "fileUri", "https://example.com/photos/cat.webp?size=large")),
        Map.of("fileData", Map.of("mimeType", "image/jpeg",
            "fileUri", "https://example.com/render")),
        Map.of("inlineData", Map.of("mimeType", "application/pdf", "data", "JVBERi0xLjc=")),
        Map.of("inlineData", Map.of("mimeType", "text/plain", "data", "SGVsbG8=")),
        Map.of("fileData", Map.of("mimeType", "application/pdf",
            "fileUri", "gs://bucket/contract.pdf")),
        Map.of("fileData", Map.of("mimeType", "application/pdf",
            "fileUri", "https://generativelanguage.googleapis.com/v1beta/files/abc123")),
        Map.of("inlineData", Map.of("mimeType", "audio/wav", "data", "UklGRiQAAABXQVZF")),
        Map.of("inlineData", Map.of("mimeType", "audio/mp3", "data", "SUQzBAAAAAAA")));
  }

  @Test
  void aToolRoundTripSendsFunctionCallsAndNamedFunctionResponses() throws Exception {
    Message assistant = Message.builder(Role.ASSISTANT)
        .content("Let me check both cities.")
        .toolCalls(List.of(
            new ToolCall("call_r1_0", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
            new ToolCall("fc-8f2a", "get_time", "{\"city\":\"Paris\"}")))
        .build();
    Map<String, Object> body = sent(base()
        .user("Weather and time in Paris?")
        .message(assistant)
        .message(Message.tool("call_r1_0", "{\"celsius\":21,\"sky\":\"clear\"}"))
        .message(Message.tool("fc-8f2a", "14:05"))
        .build());

    List<Object> contents = arr(body.get("contents"));
    assertThat(contents).hasSize(3);
    assertThat(at(contents, 1, "role")).isEqualTo("model");
    assertThat(at(contents, 1, "parts")).isEqualTo(List.of(
        Map.of("text", "Let me check both cities."),
        Map.of("functionCall", Map.of("name", "get_weather",
            "args", Map.of("city", "Paris", "unit", "celsius"))),
        Map.of("functionCall", Map.of("name", "get_time", "args", Map.of("city", "Paris"),
            "id", "fc-8f2a"))));
    // Both tool results travel in one user turn, named after the calls they answer.
    assertThat(at(contents, 2, "role")).isEqualTo("user");
    assertThat(at(contents, 2, "parts")).isEqualTo(List.of(
        Map.of("functionResponse", Map.of("name", "get_weather",
            "response", Map.of("celsius", 21.0, "sky", "clear"))),
        Map.of("functionResponse", Map.of("id", "fc-8f2a", "name", "get_time",
            "response", Map.of("result", "14:05")))));
  }

  @Test
  void aToolResultThatIsNotAJsonObjectIsWrappedAsResult() throws Exception {
    Map<String, Object> body = sent(base()
        .user("List files")
        .message(Message.assistant(List.of(new ToolCall("call_0", "ls", "{}"))))
        .message(Message.tool("call_0", "[\"a.txt\",\"b.txt\"]"))
        .build());
    assertThat(at(body, "contents", 2, "parts", 0, "functionResponse")).isEqualTo(Map.of(
        "name", "ls", "response", Map.of("result", "[\"a.txt\",\"b.txt\"]")));
    assertThat(at(body, "contents", 1, "parts", 0, "functionCall", "args")).isEqualTo(Map.of());
  }

  @Test
  void aToolResultForAnUnknownCallIsRejectedBeforeAnythingIsSent() {
    ChatRequest r = base().user("hi").message(Message.tool("call_missing", "42")).build();
    assertThatThrownBy(() -> chat(r))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("call_missing")
        .extracting(e -> ((InvalidRequestException) e).category())
        .isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void toolChoiceModesMapToFunctionCallingConfig() throws Exception {
    Tool weather = Tool.function("get_weather", "Current weather",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    Tool time = Tool.function("get_time", null,
        "{\"type\":\"object\",\"properties\":{\"tz\":{\"type\":\"string\"}}}");
    Map<ToolChoice, Map<String, Object>> expected = new java.util.LinkedHashMap<>();
    expected.put(ToolChoice.AUTO, Map.of("mode", "AUTO"));
    expected.put(ToolChoice.NONE, Map.of("mode", "NONE"));
    expected.put(ToolChoice.REQUIRED, Map.of("mode", "ANY"));
    expected.put(ToolChoice.function("get_time"),
        Map.of("mode", "ANY", "allowedFunctionNames", List.of("get_time")));
    for (Map.Entry<ToolChoice, Map<String, Object>> e : expected.entrySet()) {
      Map<String, Object> body =
          sent(base().user("?").tools(weather, time).toolChoice(e.getKey()).build());
      assertThat(at(body, "toolConfig", "functionCallingConfig")).as(e.getKey().toString())
          .isEqualTo(e.getValue());
    }
    Map<String, Object> noChoice = sent(base().user("?").tools(weather).build());
    assertThat(noChoice).doesNotContainKey("toolConfig");
    assertThat(at(noChoice, "tools", 0, "functionDeclarations")).isEqualTo(List.of(Map.of(
        "name", "get_weather", "description", "Current weather",
        "parameters", Map.of("type", "OBJECT",
            "properties", Map.of("city", Map.of("type", "STRING")),
            "required", List.of("city")))));
  }

  @Test
  void generationConfigCarriesTheSamplingParameters() throws Exception {
    Map<String, Object> body = sent(base()
        .user("Write a haiku.")
        .temperature(0.7)
        .topP(0.9)
        .topK(40)
        .maxTokens(256)
        .maxCompletionTokens(512)
        .stop(List.of("END", "###"))
        .seed(42L)
        .presencePenalty(0.5)
        .frequencyPenalty(-0.25)
        .minP(0.1)
        .parallelToolCalls(true)
        .build());

    assertThat(body.get("generationConfig")).isEqualTo(Map.of(
        "temperature", 0.7,
        "topP", 0.9,
        "topK", 40.0,
        "maxOutputTokens", 512.0,
        "stopSequences", List.of("END", "###"),
        "seed", 42.0,
        "presencePenalty", 0.5,
        "frequencyPenalty", -0.25));
    assertThat(sent(base().user("hi").build())).doesNotContainKey("generationConfig");
  }

  @Test
  void aJsonSchemaFormatSendsResponseJsonSchemaAndJsonObjectOnlyTheMimeType() throws Exception {
    Map<String, Object> schema = Map.of("type", "object",
        "properties", Map.of("rivers", Map.of("type", "array", "items", Map.of("type", "string"))),
        "required", List.of("rivers"), "additionalProperties", false);
    Map<String, Object> body =
        sent(base().user("Rivers?").responseFormat(ResponseFormat.jsonSchema("rivers", schema)).build());
    assertThat(at(body, "generationConfig", "responseMimeType")).isEqualTo("application/json");
    assertThat(at(body, "generationConfig", "responseJsonSchema")).isEqualTo(schema);

    Map<String, Object> object =
        sent(base().user("Rivers?").responseFormat(ResponseFormat.JSON_OBJECT).build());
    assertThat(object.get("generationConfig"))
        .isEqualTo(Map.of("responseMimeType", "application/json"));

    Map<String, Object> text =
        sent(base().user("Rivers?").responseFormat(ResponseFormat.TEXT).build());
    assertThat(text).doesNotContainKey("generationConfig");
  }

  @Test
  void reasoningBecomesAThinkingBudgetOnGemini25() throws Exception {
    assertThat(thinking(base().user("?").reasoning(Reasoning.maxTokens(2048)), "gemini-2.5-flash"))
        .isEqualTo(Map.of("thinkingBudget", 2048.0, "includeThoughts", true));
    assertThat(thinking(base().user("?").reasoning(new Reasoning(null, 1024, true, null)),
        "gemini-2.5-flash"))
        .isEqualTo(Map.of("thinkingBudget", 1024.0, "includeThoughts", false));
    // An effort is its share of the max tokens...
    assertThat(thinking(base().user("?").maxTokens(10_000)
        .reasoning(Reasoning.effort(Reasoning.Effort.HIGH)), "gemini-2.5-pro"))
        .isEqualTo(Map.of("thinkingBudget", 8000.0, "includeThoughts", true));
    // ...or of 24,576 without them; enabled alone is medium.
    assertThat(thinking(base().user("?").reasoningEffort(Reasoning.Effort.LOW), "gemini-2.5-flash"))
        .isEqualTo(Map.of("thinkingBudget", 4915.0, "includeThoughts", true));
    assertThat(thinking(base().user("?").reasoning(new Reasoning(null, null, null, true)),
        "gemini-2.5-flash"))
        .isEqualTo(Map.of("thinkingBudget", 12288.0, "includeThoughts", true));
    // Off.
    assertThat(thinking(base().user("?").reasoning(new Reasoning(null, null, null, false)),
        "gemini-2.5-flash"))
        .isEqualTo(Map.of("thinkingBudget", 0.0, "includeThoughts", false));
    assertThat(thinking(base().user("?").reasoning(Reasoning.effort(Reasoning.Effort.NONE)),
        "gemini-2.5-flash"))
        .isEqualTo(Map.of("thinkingBudget", 0.0, "includeThoughts", false));
    // Nothing asked: the model's default, no thinkingConfig.
    assertThat(sent(base().user("?").build())).doesNotContainKey("generationConfig");
  }

  @Test
  void reasoningEffortBecomesAThinkingLevelOnGemini3() throws Exception {
    assertThat(thinking(base().user("?").reasoningEffort(Reasoning.Effort.MEDIUM),
        "gemini-3-pro-preview"))
        .isEqualTo(Map.of("thinkingLevel", "high", "includeThoughts", true));
    assertThat(thinking(base().user("?").reasoningEffort(Reasoning.Effort.MINIMAL),
        "gemini-3-pro-preview"))
        .isEqualTo(Map.of("thinkingLevel", "low", "includeThoughts", true));
    assertThat(thinking(base().user("?").reasoningEffort(Reasoning.Effort.MEDIUM),
        "gemini-3-flash-preview"))
        .isEqualTo(Map.of("thinkingLevel", "medium", "includeThoughts", true));
    assertThat(thinking(base().user("?").reasoningEffort(Reasoning.Effort.MINIMAL),
        "gemini-3-flash-preview"))
        .isEqualTo(Map.of("thinkingLevel", "minimal", "includeThoughts", true));
    assertThat(thinking(base().user("?").reasoning(
        new Reasoning(Reasoning.Effort.XHIGH, null, true, null)), "gemini-3-pro-preview"))
        .isEqualTo(Map.of("thinkingLevel", "high", "includeThoughts", false));
    // Gemini 3 cannot stop thinking: off is the lowest level.
    assertThat(thinking(base().user("?").reasoningEffort(Reasoning.Effort.NONE),
        "gemini-3-pro-preview"))
        .isEqualTo(Map.of("thinkingLevel", "low", "includeThoughts", false));
    assertThat(thinking(base().user("?").reasoning(Reasoning.maxTokens(4096)),
        "gemini-3-pro-preview"))
        .isEqualTo(Map.of("thinkingBudget", 4096.0, "includeThoughts", true));
  }

  private Map<String, Object> thinking(ChatRequest.Builder b, String upstream) throws Exception {
    return obj(at(sent(b.build(), upstream), "generationConfig", "thinkingConfig"));
  }

  @Test
  void thoughtSignaturesOfAFunctionCallTurnAreEchoedOnTheirParts() throws Exception {
    enqueueJson(200, resource("generate-function-call.json"));
    ChatRequest first = base().user("Weather in Paris and Lyon?").build();
    ChatResponse answer = provider.adapter().chat(call(first, "gemini-3-pro-preview"));
    server.takeRequest();

    List<ToolCall> calls = answer.toolCalls();
    ChatRequest next = first.toBuilder()
        .message(answer.message())
        .message(Message.tool(calls.get(0).id(), "{\"celsius\":21}"))
        .message(Message.tool(calls.get(1).id(), "{\"celsius\":24}"))
        .build();
    Map<String, Object> body = sent(next, "gemini-3-pro-preview");

    List<Object> modelParts = arr(at(body, "contents", 1, "parts"));
    assertThat(modelParts).containsExactly(
        Map.of("functionCall", Map.of("name", "get_weather",
                "args", Map.of("city", "Paris", "unit", "celsius")),
            "thoughtSignature", "EpcDCpQDAdHtim9R0bJ8uTfqPq1kUjP6H8mYwL5E3Xo2dG4hNcVa7KsZ1bQe"),
        Map.of("functionCall", Map.of("name", "get_weather",
            "args", Map.of("city", "Lyon", "unit", "celsius"))));
    assertThat(at(body, "contents", 2, "parts")).isEqualTo(List.of(
        Map.of("functionResponse", Map.of("name", "get_weather",
            "response", Map.of("celsius", 21.0))),
        Map.of("functionResponse", Map.of("name", "get_weather",
            "response", Map.of("celsius", 24.0)))));
  }

  @Test
  void aTextSignatureIsEchoedOnTheTextPartAndReasoningTextIsNotSentBack() throws Exception {
    enqueueJson(200, resource("generate-thinking.json"));
    ChatRequest first = base().user("Rivers?").reasoning(Reasoning.maxTokens(1024)).build();
    ChatResponse answer = chat(first);
    server.takeRequest();

    Map<String, Object> body = sent(first.toBuilder().message(answer.message())
        .user("And in Germany?").build());
    assertThat(at(body, "contents", 1)).isEqualTo(Map.of("role", "model", "parts", List.of(
        Map.of("text", "Seine, Loire and Rhône.",
            "thoughtSignature", "CiQB0e2Kb2Q7tZkN3m5c0mXo5Yt0hT1oU9Dq3xX8uRr2oBzQ9eoKYgHR7YpvS1l2"))));
  }

  @Test
  void foreignFunctionCallHistoryGetsThePlaceholderSignatureOnGemini3Only() throws Exception {
    Message fromAnotherModel = Message.builder(Role.ASSISTANT)
        .toolCalls(List.of(new ToolCall("call_abc", "get_weather", "{\"city\":\"Oslo\"}"),
            new ToolCall("call_def", "get_weather", "{\"city\":\"Bergen\"}")))
        .reasoningDetails(List.of(new ReasoningDetail("reasoning.encrypted", null, null,
            "gAAAAABo-openai-blob", null, "call_abc", "openai-responses-v1", null, null)))
        .build();
    ChatRequest r = base().user("Weather?").message(fromAnotherModel)
        .message(Message.tool("call_abc", "{\"celsius\":3}"))
        .message(Message.tool("call_def", "{\"celsius\":5}"))
        .build();

    Map<String, Object> gemini3 = sent(r, "gemini-3-flash-preview");
    assertThat(at(gemini3, "contents", 1, "parts", 0, "thoughtSignature"))
        .isEqualTo("skip_thought_signature_validator");
    assertThat(obj(at(gemini3, "contents", 1, "parts", 1))).doesNotContainKey("thoughtSignature");

    Map<String, Object> gemini25 = sent(r, "gemini-2.5-flash");
    assertThat(obj(at(gemini25, "contents", 1, "parts", 0))).doesNotContainKey("thoughtSignature");
  }

  @Test
  void onlyGeminiRequestMembersPassThroughFromExtraFields() throws Exception {
    List<Object> safety = List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT",
        "threshold", "BLOCK_ONLY_HIGH"));
    Map<String, Object> body = sent(base().user("hi")
        .extra("safetySettings", safety)
        .extra("cachedContent", "cachedContents/abc123")
        .extra("n", 2)
        .build());
    assertThat(body.get("safetySettings")).isEqualTo(safety);
    assertThat(body.get("cachedContent")).isEqualTo("cachedContents/abc123");
    assertThat(body).doesNotContainKey("n");
  }
}
