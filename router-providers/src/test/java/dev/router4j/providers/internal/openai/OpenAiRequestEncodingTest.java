package dev.router4j.providers.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.router4j.api.Annotation;
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
import dev.router4j.api.error.ProviderException;
import dev.router4j.providers.internal.json.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/**
 * The direct encoding of a request must be byte for byte the tree's, for every dialect, model
 * and request shape; the shapes it does not write itself must still come out the same.
 */
class OpenAiRequestEncodingTest {
  private static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.builder("openai", "openai/gpt-4.1-mini").build(),
      Endpoint.builder("openai", "openai/o1-mini").build(),
      Endpoint.builder("openai", "openai/o3").build(),
      Endpoint.builder("openai", "openai/gpt-5").build(),
      Endpoint.builder("groq", "meta-llama/llama-3.3-70b-instruct")
          .upstreamModel("llama-3.3-70b-versatile").build(),
      Endpoint.builder("cerebras", "openai/gpt-oss-120b").upstreamModel("gpt-oss-120b").build());

  private static List<OpenAiDialect> dialects() {
    List<OpenAiDialect> out = new ArrayList<>();
    out.add(OpenAiDialect.OPENAI);
    out.add(OpenAiDialect.OPENROUTER);
    out.add(OpenAiDialect.OPEN_MODELS);
    Preset.ALL.values().forEach(p -> out.add(p.dialect()));
    // A seed field named like a field the direct path writes must go through the tree.
    out.add(OpenAiDialect.OPEN_MODELS.toBuilder().seedField("temperature").build());
    out.add(OpenAiDialect.OPENAI.toBuilder().tools(false).build());
    return out;
  }

  @Test
  void directBytesEqualTheTreeOverManyRequests() {
    Random random = new Random(7);
    int compared = 0;
    int direct = 0;
    int refused = 0;
    List<OpenAiDialect> dialects = dialects();
    // One writer per dialect, as an adapter has, so that its kept model rules meet both the
    // endpoint they were made for and others.
    List<OpenAiRequestWriter> writers = dialects.stream().map(OpenAiRequestWriter::new).toList();
    for (int i = 0; i < 6000; i++) {
      ChatRequest r;
      try {
        r = request(random);
      } catch (RuntimeException invalid) {
        continue; // a combination the request itself refuses
      }
      int d = random.nextInt(dialects.size());
      OpenAiDialect dialect = dialects.get(d);
      OpenAiRequestWriter writer = writers.get(d);
      // Mostly the endpoint written before, as a provider's calls mostly are.
      Endpoint endpoint = ENDPOINTS.get(random.nextInt(3) == 0 ? random.nextInt(ENDPOINTS.size())
          : d % ENDPOINTS.size());
      boolean stream = random.nextBoolean();
      String wireModel = endpoint.upstreamModel();
      ByteString tree;
      try {
        tree = JsonTrees.encode(writer.body(r, endpoint, wireModel, stream, "p"), true);
      } catch (ProviderException e) {
        ProviderException again = assertThrows(ProviderException.class,
            () -> writer.encode(r, endpoint, wireModel, stream, "p"));
        assertEquals(e.getMessage(), again.getMessage());
        refused++;
        continue;
      }
      ByteString bytes = writer.encode(r, endpoint, wireModel, stream, "p");
      assertEquals(tree.utf8(), bytes.utf8(), () -> "request " + r + " for " + dialect);
      compared++;
      if (writer.direct(r)) {
        direct++;
      }
    }
    assertTrue(compared > 4000, "compared " + compared);
    assertTrue(direct > 500 && direct < compared, "direct " + direct + " of " + compared);
    assertTrue(refused > 0, "refused " + refused);
  }

  @Test
  void plainChatIsWrittenDirectly() {
    OpenAiRequestWriter writer = new OpenAiRequestWriter(OpenAiDialect.OPENAI);
    ChatRequest r = ChatRequest.builder().model("openai/gpt-4.1-mini")
        .system("be brief").user("hi").maxTokens(16).temperature(0.5).userId("u1").build();
    assertTrue(writer.direct(r));
    Endpoint endpoint = ENDPOINTS.get(0);
    assertEquals("{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
        + "\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.5,"
        + "\"max_completion_tokens\":16,\"user\":\"u1\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true}}",
        writer.encode(r, endpoint, "gpt-4.1-mini", true, "openai").utf8());
  }

  @Test
  void aNamedToolChoiceIsWrittenInOneOrderEveryRun() {
    OpenAiRequestWriter writer = new OpenAiRequestWriter(OpenAiDialect.OPENAI);
    ChatRequest r = ChatRequest.builder().model("openai/gpt-4.1-mini").user("weather?")
        .tools(Tool.function("get_weather", null, "{\"type\":\"object\"}"))
        .toolChoice(ToolChoice.function("get_weather")).build();
    String body = writer.encode(r, ENDPOINTS.get(0), "gpt-4.1-mini", false, "openai").utf8();
    assertTrue(body.contains(
        "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
        body);
  }

  // -------------------------------------------------------------------------------------

  private static ChatRequest request(Random rnd) {
    ChatRequest.Builder b = ChatRequest.builder().model("openai/gpt-4.1-mini");
    // Half the requests keep to the shapes the direct path writes; the rest mix in every field.
    boolean common = rnd.nextBoolean();
    int n = rnd.nextInt(5);
    if (!common && n == 0 && rnd.nextInt(4) == 0) {
      b.prompt("complete this \u00e9 \"quoted\"");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      messages.add(message(rnd, common));
    }
    b.messages(messages);
    if (rnd.nextBoolean()) {
      b.temperature(rnd.nextInt(3) == 0 ? 1.0 : rnd.nextDouble());
    }
    if (rnd.nextInt(3) == 0) {
      b.topP(0.9);
    }
    if (rnd.nextInt(4) == 0) {
      b.topK(40).minP(0.05).repetitionPenalty(1.1).topA(0.2);
    }
    if (rnd.nextInt(4) == 0) {
      b.frequencyPenalty(0.5).presencePenalty(-0.25);
    }
    if (rnd.nextInt(4) == 0) {
      b.seed(rnd.nextLong());
    }
    switch (rnd.nextInt(3)) {
      case 0: b.maxTokens(1 + rnd.nextInt(4000)); break;
      case 1: b.maxCompletionTokens(1 + rnd.nextInt(4000)); break;
      default: break;
    }
    if (!common && rnd.nextInt(8) == 0) {
      b.stop(rnd.nextBoolean() ? "END" : null);
      if (rnd.nextBoolean()) {
        b.stop(List.of("a", "b"));
      }
    }
    if (!common && rnd.nextInt(8) == 0) {
      b.logitBias(Map.of("50256", -100));
    }
    if (!common && rnd.nextInt(6) == 0) {
      b.logprobs(rnd.nextInt(3) == 0 ? null : rnd.nextBoolean());
      if (rnd.nextBoolean()) {
        b.topLogprobs(rnd.nextInt(5));
      }
    }
    if (rnd.nextInt(3) == 0) {
      List<Tool> tools = new ArrayList<>();
      tools.add(Tool.function("get_weather", "The weather", "{\"type\":\"object\","
          + "\"properties\":{\"city\":{\"type\":\"string\"},\"n\":{\"type\":\"integer\","
          + "\"minimum\":1.50}},\"required\":[\"city\"]}"));
      if (rnd.nextBoolean()) {
        tools.add(new Tool("noop", null, null, rnd.nextBoolean()));
      }
      b.tools(tools);
      switch (rnd.nextInt(6)) {
        case 0: b.toolChoice(ToolChoice.NONE); break;
        case 1: b.toolChoice(ToolChoice.AUTO); break;
        case 2: b.toolChoice(ToolChoice.REQUIRED); break;
        case 3: b.toolChoice(ToolChoice.function("get_weather")); break;
        default: break;
      }
      if (rnd.nextBoolean()) {
        b.parallelToolCalls(rnd.nextBoolean());
      }
    } else if (rnd.nextInt(10) == 0) {
      b.toolChoice(ToolChoice.AUTO).parallelToolCalls(true); // neither goes without tools
    }
    if (!common && rnd.nextInt(6) == 0) {
      b.responseFormat(rnd.nextBoolean()
          ? ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}")
          : new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null, null));
    }
    if (!common && rnd.nextInt(6) == 0) {
      b.reasoning(rnd.nextBoolean()
          ? Reasoning.effort(Reasoning.Effort.HIGH) : Reasoning.maxTokens(1024));
    }
    if (!common && rnd.nextInt(10) == 0) {
      b.reasoningEffort(Reasoning.Effort.LOW);
    }
    if (rnd.nextInt(3) == 0) {
      b.userId("user-" + rnd.nextInt(100));
    }
    if (!common && rnd.nextInt(6) == 0) {
      b.plugins(rnd.nextBoolean() ? Plugin.of(Plugin.WEB) : Plugin.of(Plugin.FILE_PARSER));
    }
    if (!common && rnd.nextInt(6) == 0) {
      b.sessionId("s-1");
    }
    if (!common && rnd.nextInt(6) == 0) {
      b.extra(rnd.nextBoolean() ? "temperature" : "service_tier", "flex");
    }
    return b.build();
  }

  private static Message message(Random rnd, boolean common) {
    int kind = rnd.nextInt(12);
    if (common && kind >= 6 && kind <= 10) {
      kind = 11;
    }
    switch (kind) {
      case 0: return Message.system("You are \"terse\".\n\u2603");
      case 1: return Message.developer("rules");
      case 2: return Message.assistant("ok </script> \\ done");
      case 3: return Message.assistant(List.of(new ToolCall("call_1", "get_weather",
          "{\"city\":\"Paris\"}"), new ToolCall("call_2", "noop", "{}")));
      case 4: return Message.tool("call_1", "{\"temp\":21}");
      case 5: return Message.builder(Role.USER).content("named").name("alice").build();
      case 6: return Message.user("look", new ContentPart.Image("https://x/y.png", "low"));
      case 7: return Message.user(List.of(new ContentPart.Text("a", null),
          new ContentPart.Text("b", null)));
      case 8: return Message.builder(Role.ASSISTANT).refusal("no").build();
      case 9: return Message.builder(Role.ASSISTANT).content("thought")
          .reasoning("because").reasoningDetails(List.of(ReasoningDetail.text("r", "sig")))
          .annotations(List.of(Annotation.urlCitation("https://a", "A", "c"))).build();
      case 10: return Message.builder(Role.USER).content("x").extra(Map.of("role", "bot",
          "cache", 1)).build();
      default: return Message.user("hello \u00fc\u0000 \ud83d\ude00");
    }
  }
}
