package dev.router4j.examples.simulator;

import static dev.router4j.examples.simulator.SimClient.at;
import static dev.router4j.examples.simulator.SimClient.num;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenAiProtocolTest {
  private static final String KEY = "sk-fast-test";
  private static LoopbackSimulator sim;
  private static SimClient client;
  private static String url;

  @BeforeAll
  static void start() {
    sim = LoopbackSimulator.builder()
        .provider("fastco", Protocol.OPENAI, p -> p.apiKey(KEY)
            .model("acme/fast-1", m -> m.seed(42).outputTokens(12))
            .model("acme/tools-1", m -> m.callsTools(true).parallelToolCalls(2))
            .model("acme/cache-1", m -> m.promptCaching(true).outputTokens(3))
            .model("acme/chatty-1", m -> m.keepAliveComments(true).outputTokens(2)))
        .start();
    client = new SimClient();
    url = sim.baseUrl("fastco") + "/chat/completions";
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static Response post(String body) throws Exception {
    return client.post(url, body, "Authorization", "Bearer " + KEY);
  }

  private static final String HELLO =
      "{\"model\":\"fast-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";

  @Test
  void nonStreamingAnswerIsAWellFormedChatCompletion() throws Exception {
    try (Response r = post(HELLO)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.header("x-request-id")).startsWith("req_");
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(body.get("object")).isEqualTo("chat.completion");
      assertThat((String) body.get("id")).startsWith("chatcmpl-");
      assertThat(body.get("model")).isEqualTo("fast-1");
      assertThat(at(body, "choices", 0, "message", "role")).isEqualTo("assistant");
      String text = (String) at(body, "choices", 0, "message", "content");
      assertThat(text.split(" ")).hasSize(12);
      assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("stop");
      // usage: prompt counted from the request text, completion = words generated
      assertThat(num(body, "usage", "prompt_tokens")).isBetween(1, 10);
      assertThat(num(body, "usage", "completion_tokens")).isEqualTo(12);
      assertThat(num(body, "usage", "total_tokens"))
          .isEqualTo(num(body, "usage", "prompt_tokens") + 12);
      assertThat(num(body, "usage", "prompt_tokens_details", "cached_tokens")).isZero();
    }
  }

  @Test
  void streamSendsRoleFirstThenContentThenFinishThenUsageThenDone() throws Exception {
    String req = "{\"model\":\"fast-1\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    try (Response r = post(req)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("text/event-stream");
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
      List<Map<String, Object>> chunks = new ArrayList<>();
      for (SimClient.Sse e : events.subList(0, events.size() - 1)) {
        chunks.add(e.json());
      }
      assertThat(chunks).allSatisfy(c -> {
        assertThat(c.get("object")).isEqualTo("chat.completion.chunk");
        assertThat(c).containsKey("usage");
      });
      assertThat(at(chunks.get(0), "choices", 0, "delta", "role")).isEqualTo("assistant");
      assertThat(at(chunks.get(0), "choices", 0, "delta", "content")).isEqualTo("");
      StringBuilder text = new StringBuilder();
      for (Map<String, Object> c : chunks.subList(1, chunks.size() - 2)) {
        assertThat(at(c, "choices", 0, "finish_reason")).isNull();
        assertThat(c.get("usage")).isNull();
        text.append((String) at(c, "choices", 0, "delta", "content"));
      }
      Map<String, Object> finish = chunks.get(chunks.size() - 2);
      assertThat(at(finish, "choices", 0, "delta")).isEqualTo(Map.of());
      assertThat(at(finish, "choices", 0, "finish_reason")).isEqualTo("stop");
      Map<String, Object> usage = chunks.get(chunks.size() - 1);
      assertThat(usage.get("choices")).isEqualTo(List.of());
      assertThat(num(usage, "usage", "completion_tokens")).isEqualTo(12);
      // the streamed text is the non-streamed text: same request, same seed
      try (Response whole = post(HELLO)) {
        assertThat(text.toString()).isEqualTo(
            at(SimClient.obj(whole.body().string()), "choices", 0, "message", "content"));
      }
    }
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
    String req = "{\"model\":\"fast-1\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    try (Response r = post(req)) {
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events).hasSize(1 + 12 + 1 + 1);
      for (SimClient.Sse e : events.subList(0, events.size() - 1)) {
        assertThat(e.json()).doesNotContainKey("usage");
        assertThat(SimClient.list(e.json().get("choices"))).hasSize(1);
      }
    }
  }

  private static final String WEATHER_TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{"
      + "\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{"
      + "\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]},"
      + "\"days\":{\"type\":\"integer\"}},\"required\":[\"city\"]}}},"
      + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":{"
      + "\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}}}}}]";

  @Test
  void toolCallingModelCallsToolsWithArgumentsThatFitTheSchema() throws Exception {
    String req = "{\"model\":\"tools-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
        + WEATHER_TOOLS + "}";
    try (Response r = post(req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("tool_calls");
      assertThat(at(body, "choices", 0, "message", "content")).isNull();
      List<Object> calls = SimClient.list(at(body, "choices", 0, "message", "tool_calls"));
      assertThat(calls).hasSize(2);
      assertThat((String) at(calls, 0, "id")).startsWith("call_");
      assertThat(at(calls, 0, "type")).isEqualTo("function");
      assertThat(at(calls, 0, "function", "name")).isEqualTo("get_weather");
      assertThat(at(calls, 1, "function", "name")).isEqualTo("get_time");
      Map<String, Object> args = SimClient.obj((String) at(calls, 0, "function", "arguments"));
      assertThat(args).containsKeys("city", "unit", "days");
      assertThat(args.get("unit")).isIn("c", "f");
      assertThat(args.get("days")).isInstanceOf(Double.class);
    }
  }

  @Test
  void toolCallsStreamAsIndexedArgumentFragments() throws Exception {
    String req = "{\"model\":\"tools-1\",\"stream\":true,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Weather?\"}]," + WEATHER_TOOLS + "}";
    String whole;
    try (Response r = post(req.replace("\"stream\":true,", ""))) {
      whole = r.body().string();
    }
    try (Response r = post(req)) {
      List<SimClient.Sse> events = SimClient.events(r);
      StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
      String[] names = new String[2];
      String finish = null;
      for (SimClient.Sse e : events) {
        if (e.data().equals("[DONE]")) {
          continue;
        }
        Map<String, Object> choice = SimClient.obj(at(e.json(), "choices", 0));
        if (choice.get("finish_reason") != null) {
          finish = (String) choice.get("finish_reason");
        }
        Object calls = at(choice, "delta", "tool_calls");
        if (calls == null) {
          continue;
        }
        Map<String, Object> fragment = SimClient.obj(SimClient.list(calls).get(0));
        int index = ((Number) fragment.get("index")).intValue();
        if (fragment.containsKey("id")) {
          assertThat(at(fragment, "function", "arguments")).isEqualTo("");
          names[index] = (String) at(fragment, "function", "name");
        } else {
          assertThat(fragment).doesNotContainKey("type");
          args[index].append((String) at(fragment, "function", "arguments"));
        }
      }
      assertThat(finish).isEqualTo("tool_calls");
      assertThat(names).containsExactly("get_weather", "get_time");
      Map<String, Object> body = SimClient.obj(whole);
      assertThat(args[0].toString())
          .isEqualTo(at(body, "choices", 0, "message", "tool_calls", 0, "function", "arguments"));
      assertThat(SimClient.obj(args[1].toString())).containsKey("zone");
    }
  }

  @Test
  void afterAToolResultTheModelAnswersInText() throws Exception {
    String req = "{\"model\":\"tools-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}]," + WEATHER_TOOLS
        + "}";
    try (Response r = post(req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("stop");
      assertThat((String) at(body, "choices", 0, "message", "content")).isNotBlank();
    }
  }

  @Test
  void toolChoiceNamesTheToolAndNoneSuppressesCalls() throws Exception {
    String named = "{\"model\":\"fast-1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + WEATHER_TOOLS + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":"
        + "\"get_time\"}}}";
    try (Response r = post(named)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "choices", 0, "message", "tool_calls", 0, "function", "name"))
          .isEqualTo("get_time");
    }
    String none = "{\"model\":\"tools-1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + WEATHER_TOOLS + ",\"tool_choice\":\"none\"}";
    try (Response r = post(none)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("stop");
    }
  }

  @Test
  void jsonModesAnswerWithValidJsonThatFitsTheSchema() throws Exception {
    String object = "{\"model\":\"fast-1\",\"response_format\":{\"type\":\"json_object\"},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"JSON please\"}]}";
    try (Response r = post(object)) {
      String text = (String) at(SimClient.obj(r.body().string()), "choices", 0, "message",
          "content");
      assertThat(SimClient.obj(text)).containsKeys("answer", "words");
    }
    String schema = "{\"model\":\"fast-1\",\"response_format\":{\"type\":\"json_schema\","
        + "\"json_schema\":{\"name\":\"person\",\"schema\":{\"type\":\"object\",\"properties\":{"
        + "\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"},\"tags\":{\"type\":"
        + "\"array\",\"items\":{\"type\":\"string\"}}}}}},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"JSON please\"}]}";
    try (Response r = post(schema)) {
      String text = (String) at(SimClient.obj(r.body().string()), "choices", 0, "message",
          "content");
      Map<String, Object> value = SimClient.obj(text);
      assertThat(value).containsOnlyKeys("name", "age", "tags");
      assertThat(value.get("tags")).isInstanceOf(List.class);
    }
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
    String req = "{\"model\":\"fast-1\",\"max_completion_tokens\":5,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    try (Response r = post(req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("length");
      assertThat(num(body, "usage", "completion_tokens")).isEqualTo(5);
    }
  }

  @Test
  void aRepeatedLongPromptPrefixIsReportedAsCachedTokens() throws Exception {
    String longSystem = "You are a careful assistant. ".repeat(300); // ~8700 chars
    String first = "{\"model\":\"cache-1\",\"messages\":[{\"role\":\"system\",\"content\":\""
        + longSystem + "\"},{\"role\":\"user\",\"content\":\"one\"}]}";
    String second = first.replace("\"one\"", "\"two, a different question\"");
    try (Response r = post(first)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(num(body, "usage", "prompt_tokens_details", "cached_tokens")).isZero();
    }
    try (Response r = post(second)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      int cached = num(body, "usage", "prompt_tokens_details", "cached_tokens");
      assertThat(cached).isGreaterThanOrEqualTo(1024)
          .isLessThanOrEqualTo(num(body, "usage", "prompt_tokens"));
      assertThat(cached % 128).isZero();
    }
  }

  @Test
  void wrongOrMissingKeyGets401InOpenAiShape() throws Exception {
    try (Response r = client.post(url, HELLO, "Authorization", "Bearer sk-wrong")) {
      assertThat(r.code()).isEqualTo(401);
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "error", "code")).isEqualTo("invalid_api_key");
      assertThat(at(body, "error", "type")).isEqualTo("invalid_request_error");
      assertThat((String) at(body, "error", "message")).doesNotContain("sk-wrong");
    }
    try (Response r = client.post(url, HELLO)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(SimClient.obj(r.body().string())).containsKey("error");
    }
  }

  @Test
  void unknownModelGets404ModelNotFoundAndUnknownPathGets404() throws Exception {
    try (Response r = post(HELLO.replace("fast-1", "nope-9"))) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(at(SimClient.obj(r.body().string()), "error", "code"))
          .isEqualTo("model_not_found");
    }
    try (Response r = client.post(sim.baseUrl("fastco") + "/completions", HELLO)) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void theCatalogSlugIsAcceptedAsModelNameToo() throws Exception {
    try (Response r = post(HELLO.replace("\"fast-1\"", "\"acme/fast-1\""))) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void keepAliveCommentsOpenTheStreamWhenAsked() throws Exception {
    String req = "{\"model\":\"chatty-1\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    try (Response r = post(req)) {
      String raw = r.body().string();
      assertThat(raw).startsWith(": keep-alive\n\ndata: {").endsWith("data: [DONE]\n\n");
    }
    try (Response r = post(req.replace("chatty-1", "fast-1"))) {
      assertThat(r.body().string()).startsWith("data: {");
    }
  }

  @Test
  void malformedJsonBodyGets400() throws Exception {
    try (Response r = post("{\"model\":\"fast-1\",")) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(at(SimClient.obj(r.body().string()), "error", "type"))
          .isEqualTo("invalid_request_error");
    }
  }
}
