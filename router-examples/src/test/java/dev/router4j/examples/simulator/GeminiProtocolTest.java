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

class GeminiProtocolTest {
  private static final String KEY = "AIza-test";
  private static LoopbackSimulator sim;
  private static SimClient client;
  private static String base;

  @BeforeAll
  static void start() {
    sim = LoopbackSimulator.builder()
        .provider("gem", Protocol.GEMINI, p -> p.apiKey(KEY)
            .model("google/gemini-sim", m -> m.seed(3).outputTokens(8))
            .model("google/gemini-tools", m -> m.callsTools(true)))
        .start();
    client = new SimClient();
    base = sim.baseUrl("gem") + "/models/";
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static Response post(String path, String body) throws Exception {
    return client.post(base + path, body, "x-goog-api-key", KEY);
  }

  private static final String HELLO = "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
      + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello\"}]}]}";

  @Test
  void generateContentIsAWellFormedResponse() throws Exception {
    try (Response r = post("gemini-sim:generateContent", HELLO)) {
      assertThat(r.code()).isEqualTo(200);
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "candidates", 0, "content", "role")).isEqualTo("model");
      String text = (String) at(body, "candidates", 0, "content", "parts", 0, "text");
      assertThat(text.split(" ")).hasSize(8);
      assertThat(at(body, "candidates", 0, "finishReason")).isEqualTo("STOP");
      assertThat(num(body, "usageMetadata", "candidatesTokenCount")).isEqualTo(8);
      assertThat(num(body, "usageMetadata", "totalTokenCount")).isEqualTo(
          num(body, "usageMetadata", "promptTokenCount") + 8);
      assertThat(body.get("modelVersion")).isEqualTo("gemini-sim");
      assertThat(body).containsKey("responseId");
    }
  }

  @Test
  void sseStreamCarriesTextDeltasRunningUsageAndAFinalFinishReason() throws Exception {
    try (Response r = post("gemini-sim:streamGenerateContent?alt=sse", HELLO)) {
      assertThat(r.header("Content-Type")).startsWith("text/event-stream");
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events).hasSize(8);
      StringBuilder text = new StringBuilder();
      int previous = 0;
      for (int i = 0; i < events.size(); i++) {
        Map<String, Object> chunk = events.get(i).json();
        text.append((String) at(chunk, "candidates", 0, "content", "parts", 0, "text"));
        int running = num(chunk, "usageMetadata", "candidatesTokenCount");
        assertThat(running).isGreaterThan(previous);
        previous = running;
        if (i < events.size() - 1) {
          assertThat(SimClient.obj(at(chunk, "candidates", 0))).doesNotContainKey("finishReason");
        } else {
          assertThat(at(chunk, "candidates", 0, "finishReason")).isEqualTo("STOP");
        }
      }
      assertThat(previous).isEqualTo(8);
      try (Response whole = post("gemini-sim:generateContent", HELLO)) {
        assertThat(text.toString()).isEqualTo(at(SimClient.obj(whole.body().string()),
            "candidates", 0, "content", "parts", 0, "text"));
      }
    }
  }

  @Test
  void streamWithoutAltSseIsOneJsonArray() throws Exception {
    try (Response r = post("gemini-sim:streamGenerateContent", HELLO)) {
      assertThat(r.header("Content-Type")).startsWith("application/json");
      List<Object> chunks = SimClient.list(SimClient.parse(r.body().string()));
      assertThat(chunks).hasSize(8);
      assertThat(at(chunks, 7, "candidates", 0, "finishReason")).isEqualTo("STOP");
    }
  }

  @Test
  void functionCallArrivesWholeAndFinishesWithStop() throws Exception {
    String req = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]}],"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"parameters\":{"
        + "\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}}}}]}]}";
    try (Response r = post("gemini-tools:generateContent", req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "candidates", 0, "content", "parts", 0, "functionCall", "name"))
          .isEqualTo("get_weather");
      assertThat(SimClient.obj(at(body, "candidates", 0, "content", "parts", 0, "functionCall",
          "args"))).containsKey("city");
      assertThat(at(body, "candidates", 0, "finishReason")).isEqualTo("STOP");
    }
    try (Response r = post("gemini-tools:streamGenerateContent?alt=sse", req)) {
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events).hasSize(1);
      assertThat(at(events.get(0).json(), "candidates", 0, "content", "parts", 0, "functionCall",
          "name")).isEqualTo("get_weather");
    }
    String answered = req.replace("]}],\"tools\"", "]},{\"role\":\"model\",\"parts\":[{"
        + "\"functionCall\":{\"name\":\"get_weather\",\"args\":{}}}]},{\"role\":\"user\","
        + "\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"t\":1}}}]}],"
        + "\"tools\"");
    try (Response r = post("gemini-tools:generateContent", answered)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "candidates", 0, "content", "parts", 0)).isInstanceOf(Map.class);
      assertThat(SimClient.obj(at(body, "candidates", 0, "content", "parts", 0)))
          .containsKey("text");
    }
  }

  @Test
  void maxOutputTokensFinishesWithMaxTokens() throws Exception {
    String req = HELLO.replace("}]}]}", "}]}],\"generationConfig\":{\"maxOutputTokens\":3}}");
    try (Response r = post("gemini-sim:generateContent", req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "candidates", 0, "finishReason")).isEqualTo("MAX_TOKENS");
      assertThat(num(body, "usageMetadata", "candidatesTokenCount")).isEqualTo(3);
    }
  }

  @Test
  void jsonMimeTypeGivesJsonThatFitsTheResponseSchema() throws Exception {
    String req = HELLO.replace("}]}]}", "}]}],\"generationConfig\":{\"responseMimeType\":"
        + "\"application/json\",\"responseSchema\":{\"type\":\"OBJECT\",\"properties\":{"
        + "\"title\":{\"type\":\"STRING\"},\"score\":{\"type\":\"NUMBER\"}}}}}");
    try (Response r = post("gemini-sim:generateContent", req)) {
      Map<String, Object> body = SimClient.obj(r.body().string());
      String text = (String) at(body, "candidates", 0, "content", "parts", 0, "text");
      assertThat(SimClient.obj(text)).containsOnlyKeys("title", "score");
    }
  }

  @Test
  void keyInTheQueryIsAcceptedToo() throws Exception {
    try (Response r = client.post(base + "gemini-sim:generateContent?key=" + KEY, HELLO)) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void wrongKeyGetsGeminis400ApiKeyInvalidAndMissingKeyGets403() throws Exception {
    try (Response r = client.post(base + "gemini-sim:generateContent", HELLO,
        "x-goog-api-key", "wrong")) {
      assertThat(r.code()).isEqualTo(400);
      Map<String, Object> body = SimClient.obj(r.body().string());
      assertThat(at(body, "error", "status")).isEqualTo("INVALID_ARGUMENT");
      assertThat(num(body, "error", "code")).isEqualTo(400);
      assertThat(at(body, "error", "details", 0, "reason")).isEqualTo("API_KEY_INVALID");
    }
    try (Response r = client.post(base + "gemini-sim:generateContent", HELLO)) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(at(SimClient.obj(r.body().string()), "error", "status"))
          .isEqualTo("PERMISSION_DENIED");
    }
  }

  @Test
  void unknownModelGets404NotFound() throws Exception {
    try (Response r = post("gemini-nope:generateContent", HELLO)) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(at(SimClient.obj(r.body().string()), "error", "status")).isEqualTo("NOT_FOUND");
    }
  }
}
