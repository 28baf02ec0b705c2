package dev.router4j.json;

import static dev.router4j.json.JsonAssert.assertSameJson;
import static dev.router4j.json.JsonAssert.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.ContentPart;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.Usage;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents from the OpenAI docs read into the expected model; models built in code write the expected JSON. */
class ChatJsonModelTest {

  @Test
  void functionCallingRequestFromTheOpenAiDocs() {
    ChatRequest r = ChatJson.readRequest(resource("json/openai-docs/function-calling-request.json"));

    assertThat(r.model()).isEqualTo("gpt-4.1");
    assertThat(r.models()).isEmpty();
    assertThat(r.messages()).containsExactly(Message.user("What is the weather like in Boston today?"));
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(r.tools()).hasSize(1);
    Tool tool = r.tools().get(0);
    assertThat(tool.name()).isEqualTo("get_current_weather");
    assertThat(tool.description()).isEqualTo("Get the current weather in a given location");
    assertThat(tool.strict()).isNull();
    assertThat(tool.parameters()).containsOnlyKeys("type", "properties", "required");
    assertThat(tool.parameters().get("type")).isEqualTo("object");
    assertThat(tool.parameters().get("required")).isEqualTo(List.of("location"));
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) tool.parameters().get("properties");
    assertThat(props.keySet()).containsExactly("location", "unit");
    assertThat(props.get("unit")).isEqualTo(
        Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")));
    assertThat(r.temperature()).isNull();
    assertThat(r.maxTokens()).isNull();
    assertThat(r.stream()).isNull();
    assertThat(r.provider()).isNull();
    assertThat(r.extra()).isEmpty();
  }

  @Test
  void visionRequestFromTheOpenAiDocs() {
    ChatRequest r = ChatJson.readRequest(resource("json/openai-docs/vision-request.json"));

    assertThat(r.model()).isEqualTo("gpt-4.1");
    assertThat(r.maxTokens()).isEqualTo(300);
    Message m = r.messages().get(0);
    assertThat(m.role()).isEqualTo(Role.USER);
    assertThat(m.content()).isNull();
    assertThat(m.parts()).hasSize(2);
    assertThat(m.parts().get(0)).isEqualTo(new ContentPart.Text("What is in this image?", null));
    ContentPart.Image image = (ContentPart.Image) m.parts().get(1);
    assertThat(image.url()).startsWith("https://upload.wikimedia.org/");
    assertThat(image.detail()).isNull();
    assertThat(image.isBase64()).isFalse();
    assertThat(m.text()).isEqualTo("What is in this image?");
  }

  @Test
  void functionCallingResponseFromTheOpenAiDocs() {
    ChatResponse r = ChatJson.readResponse(resource("json/openai-docs/function-calling-response.json"));

    assertThat(r.id()).isEqualTo("chatcmpl-abc123");
    assertThat(r.object()).isEqualTo("chat.completion");
    assertThat(r.created()).isEqualTo(1699896916L);
    assertThat(r.model()).isEqualTo("gpt-4o-mini");
    assertThat(r.provider()).isNull();
    assertThat(r.cost()).isNull();
    assertThat(r.route()).isEmpty();
    Choice c = r.choices().get(0);
    assertThat(c.index()).isZero();
    assertThat(c.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(c.nativeFinishReason()).isNull();
    assertThat(c.logprobs()).isNull();
    assertThat(c.message().role()).isEqualTo(Role.ASSISTANT);
    assertThat(c.message().hasContent()).isFalse();
    assertThat(r.toolCalls()).containsExactly(
        new ToolCall("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}"));
    Usage u = r.usage();
    assertThat(u.promptTokens()).isEqualTo(82);
    assertThat(u.completionTokens()).isEqualTo(17);
    assertThat(u.totalTokens()).isEqualTo(99);
    assertThat(u.reasoningTokens()).isZero();
    assertThat(u.acceptedPredictionTokens()).isZero();
    assertThat(u.rejectedPredictionTokens()).isZero();
    assertThat(u.cachedTokens()).isNull();
    assertThat(u.cost()).isNull();
    assertThat(u.extra()).isEmpty();
  }

  @Test
  void openRouterRequestReadsEveryProviderField() {
    ChatRequest r = ChatJson.readRequest(resource("json/requests/provider-full.json"));
    ProviderPreferences p = r.provider();
    assertThat(p.order()).containsExactly("deepinfra/turbo", "together");
    assertThat(p.allowFallbacks()).isFalse();
    assertThat(p.requireParameters()).isTrue();
    assertThat(p.dataCollection()).isEqualTo(DataCollection.DENY);
    assertThat(p.zdr()).isTrue();
    assertThat(p.enforceDistillableText()).isFalse();
    assertThat(p.only()).containsExactly("deepinfra", "together", "groq");
    assertThat(p.ignore()).containsExactly("azure");
    assertThat(p.quantizations()).containsExactly(Quantization.FP8, Quantization.BF16, Quantization.INT4);
    assertThat(p.sort()).isEqualTo(Sort.THROUGHPUT);
    assertThat(p.maxPrice()).isEqualTo(new MaxPrice(new BigDecimal("1"), new BigDecimal("2.5"),
        new BigDecimal("0.001"), new BigDecimal("0.0048"), new BigDecimal("0.0000125")));
    assertThat(p.preferredMinThroughput()).isEqualTo(PercentileCutoffs.of(new BigDecimal("50")));
    assertThat(p.preferredMaxLatency()).isEqualTo(new PercentileCutoffs(
        new BigDecimal("1.5"), null, new BigDecimal("3"), new BigDecimal("10"), false));

    ChatRequest s = ChatJson.readRequest(resource("json/requests/provider-sort-partition.json"));
    assertThat(s.candidateModels())
        .containsExactly("deepseek/deepseek-chat-v3.1", "qwen/qwen3-235b-a22b", "z-ai/glm-4.6");
    assertThat(s.provider().sort()).isEqualTo(new Sort(Sort.By.PRICE, Sort.Partition.NONE));
    assertThat(s.provider().maxPrice().prompt()).isEqualTo(new BigDecimal("0.30000000000000000001"));
    assertThat(s.provider().preferredMaxLatency().scalar()).isTrue();
    assertThat(s.sessionId()).isEqualTo("conv-7f3a2c");
  }

  @Test
  void requestBuiltInCodeWritesTheExpectedJson() {
    ChatRequest request = ChatRequest.builder()
        .model("anthropic/claude-sonnet-4.5")
        .models("openai/gpt-4.1")
        .system("You are terse.")
        .message(Message.user("Describe this.",
            ContentPart.imageUrl("https://example.com/cat.png").withDetail("low")))
        .temperature(0.2)
        .maxTokens(500)
        .seed(7L)
        .stop("END")
        .tools(Tool.function("lookup", "Look a word up",
            "{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\"}},\"required\":[\"word\"]}"))
        .toolChoice(ToolChoice.function("lookup"))
        .responseFormat(ResponseFormat.jsonSchema("answer",
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"))
        .reasoning(Reasoning.effort(Reasoning.Effort.LOW))
        .provider(ProviderPreferences.builder()
            .order("anthropic", "amazon-bedrock")
            .allowFallbacks(false)
            .dataCollection(DataCollection.DENY)
            .sort(new Sort(Sort.By.LATENCY, Sort.Partition.NONE))
            .maxPrice(MaxPrice.perMillionTokens("3", "15.00"))
            .preferredMinThroughput(new PercentileCutoffs(
                new BigDecimal("40"), null, new BigDecimal("20"), null, false))
            .preferredMaxLatency(PercentileCutoffs.of(new BigDecimal("1.25")))
            .build())
        .plugins(Plugin.of(Plugin.RESPONSE_HEALING),
            new Plugin(Plugin.WEB, null, Map.of("max_results", 2)))
        .sessionId("s-1")
        .stream(true)
        .extra("service_tier", "flex")
        .build();

    String json = ChatJson.writeRequest(request);

    assertSameJson(json, """
        {
          "model": "anthropic/claude-sonnet-4.5",
          "models": ["openai/gpt-4.1"],
          "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": [
              {"type": "text", "text": "Describe this."},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}}
            ]}
          ],
          "temperature": 0.2,
          "max_tokens": 500,
          "seed": 7,
          "stop": "END",
          "tools": [{"type": "function", "function": {"name": "lookup", "description": "Look a word up",
            "parameters": {"type": "object", "properties": {"word": {"type": "string"}}, "required": ["word"]}}}],
          "tool_choice": {"type": "function", "function": {"name": "lookup"}},
          "response_format": {"type": "json_schema", "json_schema": {"name": "answer",
            "schema": {"type": "object", "properties": {"text": {"type": "string"}}}, "strict": true}},
          "reasoning": {"effort": "low"},
          "provider": {
            "order": ["anthropic", "amazon-bedrock"],
            "allow_fallbacks": false,
            "data_collection": "deny",
            "sort": {"by": "latency", "partition": "none"},
            "max_price": {"prompt": 3, "completion": 15.00},
            "preferred_min_throughput": {"p50": 40, "p90": 20},
            "preferred_max_latency": 1.25
          },
          "plugins": [{"id": "response-healing"}, {"id": "web", "max_results": 2}],
          "session_id": "s-1",
          "stream": true,
          "service_tier": "flex"
        }
        """, false);
    // Read back, numbers in trees are BigDecimal (Map.of above holds an Integer): compare as JSON.
    assertThat(ChatJson.writeRequest(ChatJson.readRequest(json))).isEqualTo(json);
  }

  @Test
  void smallRequestIsCompactAndOrdered() {
    ChatRequest request = ChatRequest.builder().model("m").user("hi").temperature(1.0)
        .stop(List.of("x")).build();
    assertThat(ChatJson.writeRequest(request)).isEqualTo(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"temperature\":1.0,\"stop\":[\"x\"]}");
  }

  @Test
  void responseBuiltInCodeLeavesRouterOnlyFieldsOut() {
    ChatResponse response = ChatResponse.builder()
        .id("gen-1").object("chat.completion").created(1700000000L).model("openai/gpt-4o")
        .provider("OpenAI")
        .choice(Choice.of(Message.assistant("Hi!"), FinishReason.STOP, "stop"))
        .usage(Usage.builder().promptTokens(3).completionTokens(2).totalTokens(5)
            .cachedTokens(1).reasoningTokens(0).cost(new BigDecimal("0.000012500"))
            .isByok(false).estimated(true).build())
        .cost(dev.router4j.api.cost.Cost.ZERO)
        .route(List.of(new dev.router4j.api.RouteAttempt("openai", "openai/gpt-4o", null,
            dev.router4j.api.RouteAttempt.Outcome.SUCCESS, null, 200, null,
            java.time.Duration.ofMillis(120))))
        .build();

    String json = ChatJson.writeResponse(response);

    assertSameJson(json, """
        {"id": "gen-1", "object": "chat.completion", "created": 1700000000, "model": "openai/gpt-4o",
         "provider": "OpenAI",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi!"},
                      "finish_reason": "stop", "native_finish_reason": "stop"}],
         "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5,
                   "prompt_tokens_details": {"cached_tokens": 1},
                   "completion_tokens_details": {"reasoning_tokens": 0},
                   "cost": 0.000012500, "is_byok": false}}
        """, false);
    assertThat(json).contains("\"cost\":0.000012500").doesNotContain("route")
        .doesNotContain("estimated");
  }
}
