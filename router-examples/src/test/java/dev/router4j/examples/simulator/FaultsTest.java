package dev.router4j.examples.simulator;

import static dev.router4j.examples.simulator.SimClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultsTest {
  private static LoopbackSimulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim = LoopbackSimulator.builder()
        .provider("oa", Protocol.OPENAI, p -> p.model("acme/m", m -> m.outputTokens(6)))
        .provider("an", Protocol.ANTHROPIC, p -> p.model("acme/m", m -> m.outputTokens(6)))
        .provider("ge", Protocol.GEMINI, p -> p.model("acme/m", m -> m.outputTokens(6)))
        .start();
    client = new SimClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  /** One request in the provider's own protocol. */
  static Response call(LoopbackSimulator s, SimClient c, String provider, boolean stream,
      String extraJson) throws IOException {
    String extra = extraJson == null ? "" : "," + extraJson;
    switch (provider) {
      case "oa":
        return c.post(s.baseUrl(provider) + "/chat/completions", "{\"model\":\"m\",\"stream\":"
            + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
      case "an":
        return c.post(s.baseUrl(provider) + "/messages", "{\"model\":\"m\",\"max_tokens\":99,"
            + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
            + extra + "}", "anthropic-version", "2023-06-01");
      default:
        return c.post(s.baseUrl(provider) + "/models/m:"
            + (stream ? "streamGenerateContent?alt=sse" : "generateContent"),
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]" + extra + "}");
    }
  }

  private static Response call(String provider, boolean stream) throws IOException {
    return call(sim, client, provider, stream, null);
  }

  private static Map<String, Object> json(Response r) throws IOException {
    return SimClient.obj(r.body().string());
  }

  @Test
  void aScriptIsConsumedOneFaultPerRequestInOrder() throws Exception {
    try (LoopbackSimulator s = LoopbackSimulator.builder()
        .provider("oa", Protocol.OPENAI, p -> p.model("acme/m", m -> m.outputTokens(6)
            .faults(Fault.status(503), Fault.ok(), Fault.dropMidStream(3))))
        .start()) {
      try (Response r = call(s, client, "oa", false, null)) {
        assertThat(r.code()).isEqualTo(503);
      }
      try (Response r = call(s, client, "oa", false, null)) {
        assertThat(r.code()).isEqualTo(200);
      }
      try (Response r = call(s, client, "oa", true, null)) {
        List<SimClient.Sse> got = new ArrayList<>();
        assertThat(SimClient.readEvents(r, got)).isInstanceOf(IOException.class);
        assertThat(got).hasSize(3);
      }
      try (Response r = call(s, client, "oa", true, null)) {
        assertThat(SimClient.events(r)).hasSize(1 + 6 + 1 + 1); // the script is used up
      }
      assertThat(s.requests("oa", "acme/m")).isEqualTo(4);
    }
  }

  @Test
  void modelFaultsComeBeforeProviderFaults() throws Exception {
    try (LoopbackSimulator s = LoopbackSimulator.builder()
        .provider("oa", Protocol.OPENAI, p -> p.faults(Fault.status(503))
            .model("acme/m", m -> m.faults(Fault.status(500))))
        .start()) {
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        try (Response r = call(s, client, "oa", false, null)) {
          codes.add(r.code());
        }
      }
      assertThat(codes).containsExactly(500, 503, 200);
    }
  }

  @Test
  void rateLimitCarriesRetryHintsInEachProtocolsShape() throws Exception {
    Fault limited = Fault.rateLimited(Duration.ofMillis(1500));
    sim.inject("oa", limited);
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("retry-after")).isEqualTo("2");
      assertThat(r.header("retry-after-ms")).isEqualTo("1500");
      assertThat(r.header("x-ratelimit-reset-requests")).isEqualTo("1.5s");
      Map<String, Object> body = json(r);
      assertThat(at(body, "error", "code")).isEqualTo("rate_limit_exceeded");
      assertThat(at(body, "error", "type")).isEqualTo("requests");
    }
    sim.inject("an", limited);
    try (Response r = call("an", false)) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("retry-after")).isEqualTo("2");
      assertThat(r.header("anthropic-ratelimit-requests-remaining")).isEqualTo("0");
      assertThat(at(json(r), "error", "type")).isEqualTo("rate_limit_error");
    }
    sim.inject("ge", limited);
    try (Response r = call("ge", false)) {
      assertThat(r.code()).isEqualTo(429);
      Map<String, Object> body = json(r);
      assertThat(at(body, "error", "status")).isEqualTo("RESOURCE_EXHAUSTED");
      List<Object> details = SimClient.list(at(body, "error", "details"));
      assertThat(details).anySatisfy(d -> {
        assertThat(SimClient.obj(d).get("@type"))
            .isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(SimClient.obj(d).get("retryDelay")).isEqualTo("1.5s");
      });
    }
    sim.inject("oa", Fault.status(429));
    try (Response r = call("oa", false)) {
      assertThat(r.header("retry-after")).isEqualTo("1"); // the default hint
    }
  }

  @Test
  void serverErrorsAndOverloadUseEachProtocolsStatusAndType() throws Exception {
    sim.inject("oa", Fault.status(500), Fault.overloaded());
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(500);
      assertThat(at(json(r), "error", "type")).isEqualTo("server_error");
    }
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(at(json(r), "error", "type")).isEqualTo("server_error");
    }
    sim.inject("an", Fault.overloaded(), Fault.status(500));
    try (Response r = call("an", false)) {
      assertThat(r.code()).isEqualTo(529);
      Map<String, Object> body = json(r);
      assertThat(body.get("type")).isEqualTo("error");
      assertThat(at(body, "error", "type")).isEqualTo("overloaded_error");
    }
    try (Response r = call("an", false)) {
      assertThat(r.code()).isEqualTo(500);
      assertThat(at(json(r), "error", "type")).isEqualTo("api_error");
    }
    sim.inject("ge", Fault.overloaded(), Fault.status(500));
    try (Response r = call("ge", false)) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(at(json(r), "error", "status")).isEqualTo("UNAVAILABLE");
    }
    try (Response r = call("ge", false)) {
      assertThat(r.code()).isEqualTo(500);
      assertThat(at(json(r), "error", "status")).isEqualTo("INTERNAL");
    }
  }

  @Test
  void scripted401UsesTheProtocolsAuthenticationShape() throws Exception {
    sim.inject("oa", Fault.status(401));
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(at(json(r), "error", "code")).isEqualTo("invalid_api_key");
    }
    sim.inject("an", Fault.status(401));
    try (Response r = call("an", false)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(at(json(r), "error", "type")).isEqualTo("authentication_error");
    }
    sim.inject("ge", Fault.status(401));
    try (Response r = call("ge", false)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(at(json(r), "error", "status")).isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void quotaErrorsCarryNoRetryHint() throws Exception {
    sim.inject("oa", Fault.quotaExceeded());
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("retry-after")).isNull();
      assertThat(at(json(r), "error", "code")).isEqualTo("insufficient_quota");
    }
    sim.inject("an", Fault.quotaExceeded());
    try (Response r = call("an", false)) {
      assertThat(r.code()).isEqualTo(402);
      assertThat(at(json(r), "error", "type")).isEqualTo("billing_error");
    }
    sim.inject("ge", Fault.quotaExceeded());
    try (Response r = call("ge", false)) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(json(r).toString()).contains("QuotaFailure").doesNotContain("RetryInfo");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"oa", "an", "ge"})
  void dropBeforeHeadersFailsTheCallWithAnIoException(String provider) throws Exception {
    sim.inject(provider, Fault.dropBeforeHeaders());
    assertThatThrownBy(() -> call(provider, false).close()).isInstanceOf(IOException.class);
    try (Response r = call(provider, false)) {
      assertThat(r.code()).isEqualTo(200); // the next request is fine
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"oa", "an", "ge"})
  void dropMidStreamCutsTheStreamAfterExactlyNEvents(String provider) throws Exception {
    sim.inject(provider, Fault.dropMidStream(3));
    try (Response r = call(provider, true)) {
      assertThat(r.code()).isEqualTo(200);
      List<SimClient.Sse> got = new ArrayList<>();
      IOException failure = SimClient.readEvents(r, got);
      assertThat(failure).isNotNull();
      assertThat(got).hasSize(3);
    }
  }

  @Test
  void dropMidStreamOnANonStreamedAnswerCutsTheBody() throws Exception {
    sim.inject("oa", Fault.dropMidStream(1));
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(200);
      assertThatThrownBy(() -> r.body().string()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void stallSendsHeadersThenNothing() throws Exception {
    sim.inject("oa", Fault.stall(Duration.ofSeconds(3)));
    try (SimClient impatient = new SimClient(500);
        Response r = call(sim, impatient, "oa", true, null)) {
      assertThat(r.code()).isEqualTo(200); // the headers came
      List<SimClient.Sse> got = new ArrayList<>();
      assertThat(SimClient.readEvents(r, got)).isInstanceOf(SocketTimeoutException.class);
      assertThat(got).isEmpty();
    }
  }

  @Test
  void aStallEndsAndTheAnswerCompletes() throws Exception {
    sim.inject("oa", Fault.stall(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    try (Response r = call("oa", false)) {
      assertThat(at(json(r), "choices", 0, "finish_reason")).isEqualTo("stop");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(
        Duration.ofMillis(300));
  }

  @Test
  void stallMidStreamPausesThenDeliversEveryEvent() throws Exception {
    sim.inject("an", Fault.stallMidStream(2, Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    try (Response r = call("an", true)) {
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
      assertThat(Duration.ofNanos(events.get(2).atNanos() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void delayHoldsBackEvenTheHeaders() throws Exception {
    sim.inject("ge", Fault.delay(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    try (Response r = call("ge", false)) {
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void errorMidStreamSendsEachProtocolsInBandError() throws Exception {
    sim.inject("oa", Fault.errorMidStream(2));
    try (Response r = call("oa", true)) {
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events).hasSize(3);
      assertThat(at(events.get(2).json(), "error", "type")).isEqualTo("server_error");
      assertThat(events).noneMatch(e -> e.data().equals("[DONE]"));
    }
    sim.inject("an", Fault.errorMidStream(4));
    try (Response r = call("an", true)) {
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events).hasSize(5);
      assertThat(events.get(4).event()).isEqualTo("error");
      assertThat(at(events.get(4).json(), "error", "type")).isEqualTo("overloaded_error");
    }
    sim.inject("ge", Fault.errorMidStream(1));
    try (Response r = call("ge", true)) {
      List<SimClient.Sse> events = SimClient.events(r);
      assertThat(events).hasSize(2);
      assertThat(at(events.get(1).json(), "error", "status")).isEqualTo("INTERNAL");
    }
    sim.inject("oa", Fault.errorMidStream(2));
    try (Response r = call("oa", false)) {
      assertThat(r.code()).isEqualTo(500); // not streamed: a plain error
    }
  }

  @ParameterizedTest
  @EnumSource(Malformation.class)
  void malformedJsonFaultsGiveTextAStrictParserRejects(Malformation kind) throws Exception {
    sim.inject("oa", Fault.malformedJson(kind));
    try (Response r = call(sim, client, "oa", false,
        "\"response_format\":{\"type\":\"json_object\"}")) {
      Map<String, Object> body = json(r);
      String text = (String) at(body, "choices", 0, "message", "content");
      assertThatThrownBy(() -> SimClient.parse(text)).isInstanceOf(IllegalArgumentException.class);
      assertThat(at(body, "choices", 0, "finish_reason"))
          .isEqualTo(kind == Malformation.TRUNCATED ? "length" : "stop");
    }
  }

  @Test
  void malformedJsonStreamsToo() throws Exception {
    sim.inject("an", Fault.malformedJson(Malformation.FENCED));
    try (Response r = call("an", true)) {
      StringBuilder text = new StringBuilder();
      for (SimClient.Sse e : SimClient.events(r)) {
        if ("content_block_delta".equals(e.event())) {
          text.append((String) at(e.json(), "delta", "text"));
        }
      }
      assertThat(text.toString()).startsWith("```json\n{").endsWith("}\n```");
    }
  }

  @Test
  void toolCallAndReplyFaultsScriptTheAnswer() throws Exception {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"boolean\"}}}}}]";
    sim.inject("oa", Fault.toolCall(), Fault.toolCall());
    try (Response r = call(sim, client, "oa", false, tools)) {
      Map<String, Object> body = json(r);
      assertThat(at(body, "choices", 0, "message", "tool_calls", 0, "function", "name"))
          .isEqualTo("f");
    }
    try (Response r = call("oa", false)) { // no tools offered: a text answer
      assertThat(at(json(r), "choices", 0, "finish_reason")).isEqualTo("stop");
    }
    sim.inject("ge", Fault.reply("{\"a\": 1,}"));
    try (Response r = call("ge", false)) {
      assertThat(at(json(r), "candidates", 0, "content", "parts", 0, "text"))
          .isEqualTo("{\"a\": 1,}");
    }
  }

  @Test
  void randomFaultsAreReproducibleForTheSameSeed() throws Exception {
    LoopbackSimulator.Builder template = LoopbackSimulator.builder()
        .provider("oa", Protocol.OPENAI, p -> p.model("acme/m", m -> m.outputTokens(1)
            .randomFaults(0.5, 1234L, Fault.status(500), Fault.status(503))));
    List<Integer> first = codes(template, 24);
    List<Integer> second = codes(template, 24);
    assertThat(first).isEqualTo(second);
    assertThat(first).contains(200).containsAnyOf(500, 503);
  }

  private static List<Integer> codes(LoopbackSimulator.Builder template, int n) throws Exception {
    List<Integer> codes = new ArrayList<>();
    try (LoopbackSimulator s = template.start()) {
      for (int i = 0; i < n; i++) {
        try (Response r = call(s, client, "oa", false, null)) {
          codes.add(r.code());
        }
      }
    }
    return codes;
  }

  @Test
  void injectedModelFaultsGoFirst() throws Exception {
    sim.inject("ge", Fault.status(500));
    sim.inject("ge", "acme/m", Fault.status(503));
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (Response r = call("ge", false)) {
        codes.add(r.code());
      }
    }
    assertThat(codes).containsExactly(503, 500, 200);
  }
}
