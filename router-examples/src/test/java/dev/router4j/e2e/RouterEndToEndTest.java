package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.Tool;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walking skeleton: router.chat() through the OpenAI-compatible adapter to a mock host. */
class RouterEndToEndTest {
  private static final String KEY = "sk-test-skeleton-0123456789";

  private static final String REPLY = """
      {
        "id": "chatcmpl-abc123",
        "object": "chat.completion",
        "created": 1767225600,
        "model": "fast-1-2026-01-01",
        "system_fingerprint": "fp_42",
        "choices": [{
          "index": 0,
          "message": {"role": "assistant", "content": "Seine, Loire, Rhône."},
          "logprobs": null,
          "finish_reason": "stop"
        }],
        "usage": {
          "prompt_tokens": 1200,
          "completion_tokens": 7,
          "total_tokens": 1207,
          "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
          "completion_tokens_details": {"reasoning_tokens": 0}
        }
      }
      """;

  private MockWebServer server;
  private MockWebServer backup;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(0);
    backup = new MockWebServer();
    backup.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
    backup.close();
  }

  private Provider acme(MockWebServer host, String slug, String promptPerMillion) {
    return OpenAiCompatible.builder(slug)
        .baseUrl(host.url("/v1").toString())
        .apiKey(KEY)
        .endpoint(dev.router4j.api.catalog.Endpoint.builder(slug, "acme/fast-1")
            .pricing(Pricing.perMillion(promptPerMillion, "1.60")
                .withCache(new BigDecimal("0.0000001"), null))
            .build())
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RecordedRequest request) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
        .fromJson(request.getBody().utf8());
  }

  @Test
  void chatSendsAWireExactRequestAndReturnsUsageAndExactCost() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(REPLY).build());
    try (Router router = Router.builder().provider(acme(server, "acme", "0.40")).build()) {
      ChatResponse answer = router.chat(ChatRequest.builder()
          .model("acme/fast-1")
          .system("You are terse.")
          .user("Name three rivers in France.")
          .temperature(0.2)
          .maxTokens(100)
          .stop("\n\n")
          .tools(Tool.function("lookup", "Looks a river up",
              "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"))
          .build());

      RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(sent.getMethod()).isEqualTo("POST");
      assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(sent.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(sent.getHeaders().get("Accept")).isEqualTo("application/json");

      Map<String, Object> body = json(sent);
      assertThat(body).containsOnlyKeys("model", "messages", "temperature", "max_tokens", "stop",
          "tools");
      assertThat(body.get("model")).isEqualTo("fast-1");
      assertThat(body.get("messages")).isEqualTo(List.of(
          Map.of("role", "system", "content", "You are terse."),
          Map.of("role", "user", "content", "Name three rivers in France.")));
      assertThat(body.get("temperature")).isEqualTo(0.2);
      assertThat(body.get("max_tokens")).isEqualTo(100.0);
      assertThat(body.get("stop")).isEqualTo("\n\n");
      assertThat(body.get("tools")).isEqualTo(List.of(Map.of("type", "function", "function",
          Map.of("name", "lookup", "description", "Looks a river up", "parameters",
              Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")))))));

      assertThat(answer.text()).isEqualTo("Seine, Loire, Rhône.");
      assertThat(answer.id()).startsWith("gen-");
      assertThat(answer.extra()).containsEntry("upstream_id", "chatcmpl-abc123");
      assertThat(answer.model()).isEqualTo("acme/fast-1");
      assertThat(answer.provider()).isEqualTo("acme");
      assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(answer.choices().get(0).nativeFinishReason()).isEqualTo("stop");
      assertThat(answer.usage().promptTokens()).isEqualTo(1200);
      assertThat(answer.usage().cachedTokens()).isEqualTo(1024);
      assertThat(answer.usage().completionTokens()).isEqualTo(7);
      // 176 uncached x $0.40/M + 1024 cached x $0.10/M + 7 x $1.60/M
      assertThat(answer.cost().prompt()).isEqualByComparingTo("0.0000704");
      assertThat(answer.cost().cacheRead()).isEqualByComparingTo("0.0001024");
      assertThat(answer.cost().completion()).isEqualByComparingTo("0.0000112");
      assertThat(answer.cost().total()).isEqualByComparingTo("0.000184");
      assertThat(answer.route()).singleElement().satisfies(a -> {
        assertThat(a.provider()).isEqualTo("acme");
        assertThat(a.outcome()).isEqualTo(RouteAttempt.Outcome.SUCCESS);
      });
    }
  }

  @Test
  void aFailingEndpointIsRetriedOnceThenFallsBackAndTheTraceSaysSo() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().code(503)
          .body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}").build());
    }
    backup.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    List<java.time.Duration> waits = new java.util.ArrayList<>();
    try (Router router = Router.builder()
        .provider(acme(server, "cheap", "0.10"))
        .provider(acme(backup, "dear", "0.40"))
        .sleeper(waits::add)
        .build()) {
      ChatResponse answer = router.chat(ChatRequest.builder().model("acme/fast-1").user("Rivers?")
          .provider(p -> p.sort(dev.router4j.api.routing.Sort.PRICE)).build());
      assertThat(answer.provider()).isEqualTo("dear");
      assertThat(answer.route()).extracting(RouteAttempt::provider, RouteAttempt::outcome,
          RouteAttempt::httpStatus).containsExactly(
              org.assertj.core.groups.Tuple.tuple("cheap", RouteAttempt.Outcome.RETRIED, 503),
              org.assertj.core.groups.Tuple.tuple("cheap", RouteAttempt.Outcome.FELL_BACK, 503),
              org.assertj.core.groups.Tuple.tuple("dear", RouteAttempt.Outcome.SUCCESS, 0));
      assertThat(answer.route().get(0).errorCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
      assertThat(waits).singleElement().satisfies(w -> assertThat(w).isLessThanOrEqualTo(
          java.time.Duration.ofMillis(250)));
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(backup.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void anInvalidRequestIsNotRetriedElsewhereAndKeepsTheProvidersMessage() {
    server.enqueue(new MockResponse.Builder().code(400).body(
        "{\"error\":{\"message\":\"Unsupported value: 'temperature'\",\"type\":\"invalid_request_error\","
            + "\"param\":\"temperature\",\"code\":\"unsupported_value\"}}").build());
    try (Router router = Router.builder()
        .provider(acme(server, "cheap", "0.10"))
        .provider(acme(backup, "dear", "0.40"))
        .build()) {
      assertThatThrownBy(() -> router.chat(ChatRequest.builder().model("acme/fast-1").user("Rivers?")
          .provider(p -> p.sort(dev.router4j.api.routing.Sort.PRICE)).build()))
          .isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.provider()).isEqualTo("cheap");
            assertThat(e.getMessage()).contains("Unsupported value: 'temperature'")
                .doesNotContain(KEY);
          });
      assertThat(backup.getRequestCount()).isZero();
    }
  }

  @Test
  void aKeyThatIsRefusedRestsAndTheCallGoesOnWithTheNextKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
            + "\"code\":\"invalid_api_key\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    Provider twoKeys = OpenAiCompatible.builder("acme").baseUrl(server.url("/v1").toString())
        .apiKey("sk-first-key-000000000000").apiKey("sk-second-key-11111111111")
        .model("acme/fast-1", Pricing.perMillion("0.40", "1.60")).build();
    try (Router router = Router.builder().provider(twoKeys).build()) {
      ChatResponse first = router.chat("acme/fast-1", "one");
      assertThat(first.route()).extracting(RouteAttempt::outcome)
          .containsExactly(RouteAttempt.Outcome.RETRIED, RouteAttempt.Outcome.SUCCESS);
      assertThat(first.route().get(0).detail()).doesNotContain("sk-first-key");
      router.chat("acme/fast-1", "two");
      List<String> keys = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        keys.add(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
      }
      assertThat(keys).containsExactly("Bearer sk-first-key-000000000000",
          "Bearer sk-second-key-11111111111", "Bearer sk-second-key-11111111111");
    }
  }

  @Test
  void inputImagesAreBilledAtTheEndpointsImagePrice() {
    server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    Pricing withImages = new Pricing(new BigDecimal("0.000001"), new BigDecimal("0.000002"), null,
        new BigDecimal("0.001"), null, null, null, null, null, null);
    try (Router router = Router.builder().provider(OpenAiCompatible.builder("acme")
        .baseUrl(server.url("/v1").toString()).apiKey(KEY)
        .endpoint(dev.router4j.api.catalog.Endpoint.builder("acme", "acme/fast-1").pricing(withImages).build())
        .build()).build()) {
      ChatResponse answer = router.chat(ChatRequest.builder().model("acme/fast-1")
          .message(dev.router4j.api.Message.user("Compare these.",
              dev.router4j.api.ContentPart.imageUrl("https://img.example/a.png"),
              dev.router4j.api.ContentPart.imageUrl("https://img.example/b.png")))
          .build());
      assertThat(answer.cost().image()).isEqualByComparingTo("0.002");
    }
  }

  @Test
  void anUnknownModelFailsBeforeAnyCallAndNamesTheModel() {
    try (Router router = Router.builder().provider(acme(server, "acme", "0.40")).build()) {
      assertThatThrownBy(() -> router.chat("acme/does-not-exist", "hi"))
          .isInstanceOf(NoEndpointException.class)
          .hasMessageContaining("acme/does-not-exist")
          .hasMessageContaining("acme/fast-1");
      assertThat(server.getRequestCount()).isZero();
    }
  }
}
