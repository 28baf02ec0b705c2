package dev.router4j.examples.simulator;

import static dev.router4j.examples.simulator.SimClient.at;
import static dev.router4j.examples.simulator.SimClient.num;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnthropicProtocolTest {
  private static final String KEY = "sk-ant-test";
  private static LoopbackSimulator sim;
  private static SimClient client;
  private static String url;

  @BeforeAll
  static void start() {
    sim = LoopbackSimulator.builder()
        .provider("claudeco", Protocol.ANTHROPIC, p -> p.apiKey(KEY)
            .model("anthropic/claude-sim", m -> m.seed(7).outputTokens(10)
                .promptCaching(true))
            .model("anthropic/claude-tools", m -> m.callsTools(true)))
        .start();
    client = new SimClient();
    url = sim.baseUrl("claudeco") + "/messages";
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static Response post(String body) throws Exception {
    return client.post(url, body, "x-api-key", KEY, "anthropic-version", "2023-06-01");
  }

  private static final String HELLO = "{\"model\":\"claude-sim\",\"max_tokens\":1024,"
      + "\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

  @Test
  void nonStreamingAnswerIsAWellFormedMessage() throws Exception {
    try (Response r = post(HELLO)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("request-id")).startsWith("req_");
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat((String) body.get("id")).startsWith("msg_");
      assertThat(body.get("type")).isEqualTo("message");
      assertThat(body.get("role")).isEqualTo("assistant");
      assertThat(body.get("model")).isEqualTo("claude-sim");
      assertThat(at(body, "content", 0, "type")).isEqualTo("text");
      assertThat(((String) at(body, "content", 0, "text")).split(" ")).hasSize(10);
      assertThat(body.get("stop_reason")).isEqualTo("end_turn");
      assertThat(body).containsEntry("stop_sequence", null);
      assertThat(num(body, "usage", "input_tokens")).isPositive();
      assertThat(num(body, "usage", "output_tokens")).isEqualTo(10);
      assertThat(num(body, "usage", "cache_read_input_tokens")).isZero();
    }
  }

  @Test
  void streamFollowsTheMessageEventOrder() throws Exception {
    try (Response r = post(HELLO.replace("{\"model\"", "{\"stream\":true,\"model\""))) {
      assertThat(r.header("Content-Type")).startsWith("text/event-stream");
      List<SimClient.Sse> events = SimClient.events(r);
      List<String> names = events.stream().map(SimClient.Sse::event).toList();
      assertThat(names.subList(0, 3))
          .containsExactly("message_start", "content_block_start", "ping");
      assertThat(names.subList(3, 13)).containsOnly("content_block_delta");
      assertThat(names.subList(13, names.size()))
          .containsExactly("content_block_stop", "message_delta", "message_stop");
      for (SimClient.Sse e : events) {
        assertThat(e.json().get("type")).isEqualTo(e.event()); // data type matches event name
      }
      Map<String, Object> start = events.get(0).json();
      assertThat(at(start, "message", "content")).isEqualTo(List.of());
      assertThat(at(start, "message", "stop_reason")).isNull();
      assertThat(num(start, "message", "usage", "input_tokens")).isPositive();
      StringBuilder text = new StringBuilder();
      for (SimClient.Sse e : events.subList(3, 13)) {
        assertThat(at(e.json(), "delta", "type")).isEqualTo("text_delta");
        text.append((String) at(e.json(), "delta", "text"));
      }
      Map<String, Object> delta = events.get(14).json();
      assertThat(at(delta, "delta", "stop_reason")).isEqualTo("end_turn");
      assertThat(num(delta, "usage", "output_tokens")).isEqualTo(10);
      try (Response whole = post(HELLO)) {
        assertThat(text.toString())
            .isEqualTo(at(SimClient.obj(whole.body().string()), "content", 0, "text"));
      }
    }
  }

  private static final String TOOLS = "\"tools\":[{\"name\":\"lookup\",\"description\":\"d\","
      + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},"
      + "\"limit\":{\"type\":\"integer\"}},\"required\":[\"query\"]}}]";

  @Test
  void toolUseBlocksWhenTheModelCallsTools() throws Exception {
    String req = "{\"model\":\"claude-tools\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"find it\"}]," + TOOLS + "}";
    try (Response r = post(req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(body.get("stop_reason")).isEqualTo("tool_use");
      assertThat(at(body, "content", 0, "type")).isEqualTo("tool_use");
      assertThat((String) at(body, "content", 0, "id")).startsWith("toolu_");
      assertThat(at(body, "content", 0, "name")).isEqualTo("lookup");
      assertThat(SimClient.obj(at(body, "content", 0, "input"))).containsKeys("query", "limit");
    }
    try (Response r = post(req.replace("{\"model\"", "{\"stream\":true,\"model\""))) {
      List<SimClient.Sse> events = SimClient.events(r);
      Map<String, Object> start = events.get(1).json();
      assertThat(at(start, "content_block", "type")).isEqualTo("tool_use");
      assertThat(at(start, "content_block", "input")).isEqualTo(Map.of());
      StringBuilder json = new StringBuilder();
      for (SimClient.Sse e : events) {
        if ("content_block_delta".equals(e.event())) {
          assertThat(at(e.json(), "delta", "type")).isEqualTo("input_json_delta");
          json.append((String) at(e.json(), "delta", "partial_json"));
        }
      }
      assertThat(SimClient.obj(json.toString())).containsKeys("query", "limit");
      Map<String, Object> delta = events.get(events.size() - 2).json();
      assertThat(at(delta, "delta", "stop_reason")).isEqualTo("tool_use");
    }
  }

  @Test
  void afterAToolResultTheModelAnswersInText() throws Exception {
    String req = "{\"model\":\"claude-tools\",\"max_tokens\":100,\"messages\":["
        + "{\"role\":\"user\",\"content\":\"find it\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
        + "\"name\":\"lookup\",\"input\":{\"query\":\"x\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
        + "\"content\":\"found\"}]}]," + TOOLS + "}";
    try (Response r = post(req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(body.get("stop_reason")).isEqualTo("end_turn");
    }
  }

  @Test
  void cacheControlMarkupWritesThenReadsTheCache() throws Exception {
    String big = "Reference text for caching. ".repeat(300);
    String req = "{\"model\":\"claude-sim\",\"max_tokens\":50,\"system\":[{\"type\":\"text\","
        + "\"text\":\"" + big + "\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Q1\"}]}";
    Map<String, Object> first;
    try (Response r = post(req)) {
      first = SimClient.obj(r.body().string());
    }
    assertThat(num(first, "usage", "cache_creation_input_tokens")).isGreaterThanOrEqualTo(1024);
    assertThat(num(first, "usage", "cache_read_input_tokens")).isZero();
    try (Response r = post(req.replace("Q1", "Q2"))) {
      Map<String, Object> second = SimClient.obj(r.body().string());
      int read = num(second, "usage", "cache_read_input_tokens");
      assertThat(read).isGreaterThanOrEqualTo(1024);
      int total = num(second, "usage", "input_tokens") + read
          + num(second, "usage", "cache_creation_input_tokens");
      assertThat(total).isEqualTo(num(first, "usage", "input_tokens")
          + num(first, "usage", "cache_creation_input_tokens"));
    }
  }

  @Test
  void wrongKeyGets401AuthenticationError() throws Exception {
    try (Response r = client.post(url, HELLO, "x-api-key", "nope", "anthropic-version",
        "2023-06-01")) {
      assertThat(r.code()).isEqualTo(401);
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(body.get("type")).isEqualTo("error");
      assertThat(at(body, "error", "type")).isEqualTo("authentication_error");
      assertThat((String) body.get("request_id")).startsWith("req_");
    }
  }

  @Test
  void missingVersionHeaderOrMaxTokensGets400() throws Exception {
    try (Response r = client.post(url, HELLO, "x-api-key", KEY)) {
      assertThat(r.code()).isEqualTo(400);
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "error", "type")).isEqualTo("invalid_request_error");
      assertThat((String) at(body, "error", "message")).contains("anthropic-version");
    }
    try (Response r = post(HELLO.replace("\"max_tokens\":1024,", ""))) {
      assertThat(r.code()).isEqualTo(400);
      assertThat((String) at(SimClient.obj(r.body().string()), "error", "message"))
          .contains("max_tokens");
    }
  }

  @Test
  void unknownModelGets404NotFoundError() throws Exception {
    try (Response r = post(HELLO.replace("claude-sim", "claude-nope"))) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(at(SimClient.obj(r.body().string()), "error", "type"))
          .isEqualTo("not_found_error");
    }
  }
}
