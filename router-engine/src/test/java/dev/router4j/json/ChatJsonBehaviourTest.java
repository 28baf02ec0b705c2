package dev.router4j.json;

import static dev.router4j.json.JsonAssert.assertSameJson;
import static dev.router4j.json.JsonAssert.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.StreamError;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.routing.Sort;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The codec's documented rules, one at a time. */
class ChatJsonBehaviourTest {

  private static final String CHOICE_MSG = "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}";

  // ---- finish reasons -------------------------------------------------------------------

  @Test
  void normalizedFinishReasonIsKeptAsIs() {
    ChatResponse r = ChatJson.readResponse(
        "{\"choices\":[{\"index\":0," + CHOICE_MSG + ",\"finish_reason\":\"length\"}]}");
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.choices().get(0).nativeFinishReason()).isNull();
  }

  @Test
  void rawFinishReasonIsNormalizedAndKeptAsNative() {
    String raw = "{\"choices\":[{\"index\":0," + CHOICE_MSG + ",\"finish_reason\":\"end_turn\"}]}";
    ChatResponse r = ChatJson.readResponse(raw);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("end_turn");

    String written = ChatJson.writeResponse(r);
    assertSameJson(written, "{\"choices\":[{\"index\":0," + CHOICE_MSG
        + ",\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\"}]}", false);
    // Normalized once, stable from then on.
    assertThat(ChatJson.readResponse(written)).isEqualTo(r);
    assertThat(ChatJson.writeResponse(ChatJson.readResponse(written))).isEqualTo(written);
  }

  @Test
  void rawFinishReasonDoesNotOverrideAGivenNativeOne() {
    ChatChunk c = ChatJson.readChunk("{\"choices\":[{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"MAX_TOKENS\",\"native_finish_reason\":\"MAX_TOKENS_REACHED\"}]}");
    assertThat(c.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(c.choices().get(0).nativeFinishReason()).isEqualTo("MAX_TOKENS_REACHED");
  }

  // ---- unknown members ------------------------------------------------------------------

  @Test
  void unknownMembersSurviveAtEveryLevelExactly() {
    String json = """
        {"id":"g","object":"chat.completion","created":1,"model":"m","choices":[
          {"index":0,"finish_reason":"stop","x_choice":[null,{"a":null}],
           "message":{"role":"assistant","content":"c","x_msg":{"deep":[1.50,-0,1e-9]},
             "reasoning_details":[{"type":"reasoning.text","text":"t","x_detail":"d"}],
             "annotations":[{"type":"url_citation","x_ann":1,
               "url_citation":{"url":"u","x_cite":{"k":"v"}}}]}}],
         "usage":{"prompt_tokens":1,"x_usage":true,
           "prompt_tokens_details":{"cached_tokens":0,"x_ptd":2},
           "completion_tokens_details":{"x_ctd":3}},
         "x_top":{"n":12345678901234567890123456789.000000000000000000001}}
        """;
    ChatResponse r = ChatJson.readResponse(json);
    assertThat(r.extra()).containsOnlyKeys("x_top");
    assertThat(r.extra().get("x_top"))
        .isEqualTo(Map.of("n", new BigDecimal("12345678901234567890123456789.000000000000000000001")));
    assertThat(r.choices().get(0).extra()).containsOnlyKeys("x_choice");
    Message m = r.message();
    assertThat(m.extra()).containsOnlyKeys("x_msg");
    ReasoningDetail d = m.reasoningDetails().get(0);
    assertThat(d.extra()).isEqualTo(Map.of("x_detail", "d"));
    Annotation a = m.annotations().get(0);
    assertThat(a.url()).isEqualTo("u");
    assertThat(a.extra()).isEqualTo(Map.of("x_ann", new BigDecimal("1"),
        "url_citation", Map.of("x_cite", Map.of("k", "v"))));
    Usage u = r.usage();
    assertThat(u.cachedTokens()).isZero();
    assertThat(u.extra()).isEqualTo(Map.of("x_usage", true,
        "prompt_tokens_details", Map.of("x_ptd", new BigDecimal("2")),
        "completion_tokens_details", Map.of("x_ctd", new BigDecimal("3"))));

    // Not normalized: the nulls inside unknown members come back too.
    assertSameJson(ChatJson.writeResponse(r), json, false);
  }

  @Test
  void unknownMembersOfRequestsSurvive() {
    String json = resource("json/requests/unknown-fields.json");
    ChatRequest r = ChatJson.readRequest(json);
    assertThat(r.extra()).containsOnlyKeys("prediction", "service_tier", "metadata", "verbosity");
    assertThat(r.messages().get(0).extra()).containsOnlyKeys("x_trace");
    assertThat(r.provider().extra()).containsOnlyKeys("experimental_routing");
    assertThat(r.plugins().get(0).config()).containsOnlyKeys("max_results", "nested");
    assertThat(r.messages().get(1).annotations().get(1).extra()).containsOnlyKeys("file");
    assertSameJson(ChatJson.writeRequest(r), json, false);
  }

  @Test
  void emptyUsageDetailsSurvive() {
    Usage u = ChatJson.readUsage("{\"prompt_tokens\":5,\"prompt_tokens_details\":{},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":null}}");
    assertThat(u.promptTokens()).isEqualTo(5);
    assertThat(ChatJson.writeUsage(u)).isEqualTo(
        "{\"prompt_tokens\":5,\"prompt_tokens_details\":{},\"completion_tokens_details\":{}}");
  }

  @Test
  void extraNeverDuplicatesAModelledMember() {
    ChatRequest r = ChatRequest.builder().model("m").user("hi").temperature(0.5)
        .extra("temperature", new BigDecimal("1.9")).extra("n", 2).build();
    assertThat(ChatJson.writeRequest(r)).isEqualTo(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"temperature\":0.5,\"n\":2}");
  }

  // ---- forms that are read but written in their canonical form ---------------------------

  @Test
  void sortObjectWithoutPartitionIsWrittenAsAString() {
    ChatRequest r = ChatJson.readRequest("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"x\"}],\"provider\":{\"sort\":{\"by\":\"price\"},"
        + "\"max_price\":{\"prompt\":\"0.5\"}}}");
    assertThat(r.provider().sort()).isEqualTo(Sort.PRICE);
    assertThat(r.provider().maxPrice().prompt()).isEqualTo(new BigDecimal("0.5"));
    assertThat(ChatJson.writeRequest(r)).contains("\"provider\":{\"sort\":\"price\","
        + "\"max_price\":{\"prompt\":0.5}}");
  }

  @Test
  void toolCallArgumentsGivenAsAnObjectBecomeText() {
    ChatResponse r = ChatJson.readResponse("{\"choices\":[{\"message\":{\"role\":\"assistant\","
        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"arguments\":{\"city\":\"Paris\",\"days\":3}}}]}}]}");
    assertThat(r.toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"Paris\",\"days\":3}");
  }

  @Test
  void responseMessageWithoutRoleIsAnAssistantMessage() {
    ChatResponse r = ChatJson.readResponse("{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}");
    assertThat(r.message().role()).isEqualTo(Role.ASSISTANT);
    assertThat(r.choices().get(0).index()).isZero();
  }

  // ---- chunks ---------------------------------------------------------------------------

  @Test
  void toolCallFragmentsAndFinalChunks() {
    ChatChunk start = ChatJson.readChunk(resource("json/chunks/tool-call-start.json"));
    ChatChunk args = ChatJson.readChunk(resource("json/chunks/tool-call-args.json"));
    assertThat(start.choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
    assertThat(start.choices().get(0).delta().toolCalls()).containsExactly(new ToolCallDelta(
        0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_current_weather", ""));
    assertThat(args.choices().get(0).delta().toolCalls()).containsExactly(
        new ToolCallDelta(0, null, null, "{\"location\":"),
        new ToolCallDelta(1, null, null, "\"Paris\"}"));

    ChatChunk usage = ChatJson.readChunk(resource("json/chunks/usage-final.json"));
    assertThat(usage.choices()).isEmpty();
    assertThat(usage.usage().cost()).isEqualByComparingTo("0.001842");
    assertThat(usage.usage().cacheWriteTokens()).isZero();
    assertThat(ChatJson.writeChunk(usage)).contains("\"choices\":[]");

    ChatChunk error = ChatJson.readChunk(resource("json/chunks/midstream-error.json"));
    assertThat(error.error()).isEqualTo(new StreamError("server_error",
        "Provider disconnected unexpectedly",
        Map.of("error_type", "provider_unavailable", "provider_name", "openai")));
    assertThat(error.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(error.text()).isEmpty();

    ChatChunk numeric = ChatJson.readChunk(resource("json/chunks/error-numeric-code.json"));
    assertThat(numeric.error().code()).isEqualTo(new BigDecimal("502"));

    ChatChunk finish = ChatJson.readChunk(resource("json/chunks/finish.json"));
    assertThat(finish.choices().get(0).delta()).isSameAs(Delta.EMPTY);
    assertThat(finish.choices().get(0).nativeFinishReason()).isEqualTo("end_turn");
  }

  @Test
  void chunkBuiltInCodeWritesOneLine() {
    ChatChunk chunk = new ChatChunk("gen-1", "chat.completion.chunk", 5L, "m", "P",
        List.of(new ChunkChoice(0, new Delta(Role.ASSISTANT, "Hi\n", null, null, null,
            List.of(new ToolCallDelta(0, "c1", "f", "")), null, null), null, null, null, null)),
        null, null, null, null);
    assertThat(ChatJson.writeChunk(chunk)).isEqualTo("{\"id\":\"gen-1\",\"provider\":\"P\","
        + "\"model\":\"m\",\"object\":\"chat.completion.chunk\",\"created\":5,\"choices\":[{"
        + "\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\\n\",\"tool_calls\":[{"
        + "\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"arguments\":\"\"}}]}}]}");
  }

  // ---- trees and numbers ----------------------------------------------------------------

  @Test
  void treesKeepEveryDigitNullsAndOrder() {
    String json = "{\"z\":1,\"a\":[null,[],{},true,false,\"s\\u00e9\\\"\"],"
        + "\"n\":-0.000000000000000000000000001,\"big\":123456789012345678901234567890,"
        + "\"e\":1E+400}";
    Object tree = ChatJson.readTree(json);
    assertThat(tree).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) tree;
    assertThat(m.keySet()).containsExactly("z", "a", "n", "big", "e");
    assertThat(m.get("a")).isEqualTo(Arrays.asList(null, List.of(), Map.of(), true, false, "sé\""));
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-0.000000000000000000000000001"));
    assertThat(m.get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(m.get("e")).isEqualTo(new BigDecimal("1E+400"));
    assertThat(ChatJson.writeTree(tree)).isEqualTo("{\"z\":1,\"a\":[null,[],{},true,false,"
        + "\"sé\\\"\"],\"n\":-1E-27,\"big\":123456789012345678901234567890,\"e\":1E+400}");
    assertSameJson(ChatJson.writeTree(tree), json, false);
  }

  @Test
  void writeTreeRejectsWhatIsNotJson() {
    assertThatThrownBy(() -> ChatJson.writeTree(Map.of("x", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatJson.writeTree(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatJson.writeTree(List.of(new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ChatJson.writeTree(Arrays.asList(1, 2L, 0.5, 1.5f, null))).isEqualTo("[1,2,0.5,1.5,null]");
  }

  @Test
  void moneyIsNeverRoundedThroughDouble() {
    ChatResponse r = ChatJson.readResponse("{\"choices\":[],\"usage\":{\"cost\":0.1000000000000000055511151231257827}}");
    assertThat(r.usage().cost()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
    assertThat(ChatJson.writeResponse(r)).contains("\"cost\":0.1000000000000000055511151231257827");
  }

  // ---- sources and sinks ----------------------------------------------------------------

  @Test
  void sourcesAndSinks() throws IOException {
    ChatRequest r = ChatJson.readRequest(resource("json/requests/tools-conversation.json"));
    Buffer sink = new Buffer();
    ChatJson.writeRequest(r, sink);
    assertThat(ChatJson.readRequest(sink)).isEqualTo(r);

    Buffer truncated = new Buffer().writeUtf8("{\"choices\":[{\"delta\":{\"content\":\"x\"}");
    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> ChatJson.readChunk(truncated));
    assertThat(e.path()).isEqualTo("$.choices[0].delta");

    ChatChunk chunk = ChatJson.readChunk(resource("json/chunks/reasoning.json"));
    Buffer out = new Buffer();
    ChatJson.writeChunk(chunk, out);
    assertThat(ChatJson.readChunk(out)).isEqualTo(chunk);
  }

  @Test
  void concurrentUseIsSafe() {
    String req = resource("json/requests/plugins-caching.json");
    String resp = resource("json/responses/openrouter-reasoning.json");
    String expectedReq = ChatJson.writeRequest(ChatJson.readRequest(req));
    String expectedResp = ChatJson.writeResponse(ChatJson.readResponse(resp));
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    IntStream.range(0, 2000).parallel().forEach(i -> {
      String got = i % 2 == 0 ? ChatJson.writeRequest(ChatJson.readRequest(req))
          : ChatJson.writeResponse(ChatJson.readResponse(resp));
      if (!got.equals(i % 2 == 0 ? expectedReq : expectedResp)) {
        failures.add(got);
      }
    });
    assertThat(failures).isEmpty();
  }
}
