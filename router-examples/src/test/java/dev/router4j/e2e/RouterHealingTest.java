package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import dev.router4j.Router;
import dev.router4j.RouterListener;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Healing;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Tool;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.InvalidOutputException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Healing and structured output through router.chat, end to end. */
class RouterHealingTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"population\":{\"type\":\"integer\"}},\"required\":[\"city\",\"population\"],"
      + "\"additionalProperties\":false}";

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Provider host(String... supported) {
    return OpenAiCompatible.builder("acme").baseUrl(server.url("/v1").toString()).apiKey("sk-heal-test")
        .endpoint(Endpoint.builder("acme", "acme/json-1").pricing(Pricing.perMillion("1", "2"))
            .supportedParameters(supported).build())
        .build();
  }

  private static String reply(String content, String finish) {
    String quoted = new Moshi.Builder().build().adapter(String.class).toJson(content);
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"json-1\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quoted
        + "},\"finish_reason\":\"" + finish + "\"}],"
        + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}";
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("acme/json-1").user("Biggest city in France?")
        .responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sentBody() throws InterruptedException, IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
        .fromJson(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
  }

  @Test
  void aFencedAnswerWithATrailingCommaIsHealedAndTheResponseSaysSo() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body(reply("Sure!\n```json\n{\"city\": \"Paris\", \"population\": 2102650,}\n```", "stop")).build());
    List<Healing> heard = new ArrayList<>();
    try (Router router = Router.builder().provider(host()).listener(new RouterListener() {
      @Override
      public void healed(ChatResponse response, Healing healing) {
        heard.add(healing);
      }
    }).build()) {
      ChatResponse answer = router.chat(ask());
      assertThat(answer.text()).isEqualTo("{\"city\":\"Paris\",\"population\":2102650}");
      assertThat(answer.healing().content()).isTrue();
      assertThat(answer.healing().truncated()).isFalse();
      assertThat(answer.healing().repairs()).isNotEmpty();
      assertThat(heard).containsExactly(answer.healing());
      assertThat(router.metrics().healed()).isEqualTo(1);
    }
  }

  @Test
  void validJsonPassesUntouchedWithNoHealing() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body(reply("{\"city\": \"Paris\", \"population\": 2102650}", "stop")).build());
    try (Router router = Router.builder().provider(host()).build()) {
      ChatResponse answer = router.chat(ask());
      assertThat(answer.text()).isEqualTo("{\"city\": \"Paris\", \"population\": 2102650}");
      assertThat(answer.healing()).isNull();
    }
  }

  @Test
  void aTruncatedAnswerIsReportedAsTruncatedEvenWhenClosed() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body(reply("{\"city\": \"Paris\", \"population\": 21", "length")).build());
    try (Router router = Router.builder().provider(host()).build()) {
      ChatResponse answer = router.chat(ask());
      assertThat(answer.text()).isEqualTo("{\"city\":\"Paris\",\"population\":21}");
      assertThat(answer.healing().truncated()).isTrue();
    }
  }

  @Test
  void anAnswerMissingARequiredFieldFailsTypedAndKeepsTheAnswerAndItsCost() {
    server.enqueue(new MockResponse.Builder().code(200).body(reply("{\"city\": \"Paris\"}", "stop")).build());
    try (Router router = Router.builder().provider(host()).build()) {
      assertThatThrownBy(() -> router.chat(ask()))
          .isInstanceOfSatisfying(InvalidOutputException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("population"));
            assertThat(e.response().text()).isEqualTo("{\"city\": \"Paris\"}");
            assertThat(e.response().cost().total()).isEqualByComparingTo("0.00004");
          });
    }
  }

  @Test
  void withStructuredRetryTheModelIsAskedOnceMoreWithTheProblems() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(reply("{\"city\": \"Paris\"}", "stop")).build());
    server.enqueue(new MockResponse.Builder().code(200)
        .body(reply("{\"city\": \"Paris\", \"population\": 2102650}", "stop")).build());
    try (Router router = Router.builder().provider(host()).structuredOutputRetry(true).build()) {
      ChatResponse answer = router.chat(ask());
      assertThat(answer.text()).contains("2102650");
      assertThat(answer.route()).hasSize(2);
      sentBody();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> messages = (List<Map<String, Object>>) sentBody().get("messages");
      assertThat(messages).hasSize(3);
      assertThat(messages.get(1)).containsEntry("role", "assistant");
      assertThat((String) messages.get(2).get("content")).contains("population");
    }
  }

  @Test
  void anEndpointWithoutNativeStructuredOutputGetsTheSchemaInThePromptAndJsonObject() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200)
        .body(reply("{\"city\": \"Paris\", \"population\": 2102650}", "stop")).build());
    try (Router router = Router.builder().provider(host("response_format", "max_tokens")).build()) {
      router.chat(ask());
      Map<String, Object> body = sentBody();
      assertThat(body.get("response_format")).isEqualTo(Map.of("type", "json_object"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> messages = (List<Map<String, Object>>) body.get("messages");
      assertThat(messages.get(0)).containsEntry("role", "system");
      assertThat((String) messages.get(0).get("content")).contains("\"population\"");
    }
  }

  @Test
  void malformedToolArgumentsAreHealedAgainstTheToolSchema() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"c2\",\"object\":\"chat.completion\","
        + "\"created\":1,\"model\":\"json-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
        + "\"lookup\",\"arguments\":\"{'city': 'Paris', 'limit': '3',}\"}}]},\"finish_reason\":\"tool_calls\"}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}").build());
    try (Router router = Router.builder().provider(host()).build()) {
      ChatResponse answer = router.chat(ChatRequest.builder().model("acme/json-1").user("look up Paris")
          .tools(Tool.function("lookup", null, "{\"type\":\"object\",\"properties\":{\"city\":"
              + "{\"type\":\"string\"},\"limit\":{\"type\":\"integer\"}}}")).build());
      assertThat(answer.toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"Paris\",\"limit\":3}");
      assertThat(answer.healing().toolCalls()).isEqualTo(1);
      assertThat(answer.healing().content()).isFalse();
    }
  }
}
