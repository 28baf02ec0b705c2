package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys restricted to some models, through router.chat, router.stream and router.embed. */
class RouterKeysTest {
  private static final String KEY_A = "sk-" + "keys-m1-only-aaaa";
  private static final String KEY_A2 = "sk-" + "keys-m1-only-spare";
  private static final String KEY_B = "sk-" + "keys-m2-only-bbbb";

  private static final String REPLY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
      + "\"completion_tokens\":1,\"total_tokens\":6}}";
  private static final String CHUNKS = ""
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},"
      + "\"finish_reason\":null}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n"
      + "data: [DONE]\n\n";
  private static final String REFUSED =
      "{\"error\":{\"message\":\"invalid api key\",\"type\":\"invalid_request_error\"}}";

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

  private OpenAiCompatible.Builder host() {
    return OpenAiCompatible.builder("x").baseUrl(server.url("/v1").toString())
        .endpoint(Endpoint.builder("x", "acme/m1").pricing(Pricing.perMillion("1", "2")).build())
        .endpoint(Endpoint.builder("x", "acme/m2").pricing(Pricing.perMillion("1", "2")).build());
  }

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).user("hi").build();
  }

  private void ok(int n) {
    for (int i = 0; i < n; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    }
  }

  private void refused(int code) {
    server.enqueue(new MockResponse.Builder().code(code).body(REFUSED).build());
  }

  private RecordedRequest sent() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  /** The key the request carried and the upstream model it asked for. */
  private String keyAndModel() throws InterruptedException {
    RecordedRequest r = sent();
    String body = r.getBody().utf8();
    String model = body.contains("\"model\":\"m1\"") ? "m1"
        : body.contains("\"model\":\"m2\"") ? "m2" : "?";
    return r.getHeaders().get("Authorization") + " " + model;
  }

  @Test
  void eachChatCarriesTheKeyThatServesItsModel() throws Exception {
    ok(6);
    Provider x = host().apiKey(KEY_A, 1, "acme/m1").apiKey(KEY_B, 1, "acme/m2").build();
    try (Router router = Router.builder().provider(x).build()) {
      for (String model : List.of("acme/m1", "acme/m2", "acme/m2", "acme/m1", "acme/m1",
          "acme/m2")) {
        assertThat(router.chat(ask(model)).text()).isEqualTo("ok");
      }
    }
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      seen.add(keyAndModel());
    }
    assertThat(seen).containsExactly("Bearer " + KEY_A + " m1", "Bearer " + KEY_B + " m2",
        "Bearer " + KEY_B + " m2", "Bearer " + KEY_A + " m1", "Bearer " + KEY_A + " m1",
        "Bearer " + KEY_B + " m2");
  }

  @Test
  void eachStreamCarriesTheKeyThatServesItsModel() throws Exception {
    Provider x = host().apiKey(KEY_A, 1, "acme/m1").apiKey(KEY_B, 1, "acme/m2").build();
    try (Router router = Router.builder().provider(x).build()) {
      for (String model : List.of("acme/m2", "acme/m1")) {
        server.enqueue(new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "text/event-stream").body(CHUNKS).build());
        try (ChatStream stream = router.stream(ask(model))) {
          StringBuilder text = new StringBuilder();
          stream.forEach(c -> text.append(c.text()));
          assertThat(text).hasToString("ok");
        }
      }
    }
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_B + " m2");
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A + " m1");
  }

  @Test
  void aRefusedKeyIsReplacedByAnotherKeyOfTheSameModelNeverByAKeyOfAnother() throws Exception {
    // B is heavy and awake, but serves m2 only: after A's 401 the call goes on with A2.
    Provider x = host().apiKey(KEY_A, 1, "acme/m1").apiKey(KEY_A2, 1, "acme/m1")
        .apiKey(KEY_B, 5, "acme/m2").build();
    refused(401);
    ok(2);
    try (Router router = Router.builder().provider(x).build()) {
      ChatResponse first = router.chat(ask("acme/m1"));
      assertThat(first.route()).extracting(RouteAttempt::outcome)
          .containsExactly(RouteAttempt.Outcome.RETRIED, RouteAttempt.Outcome.SUCCESS);
      // A rests: the next m1 call goes straight to A2.
      router.chat(ask("acme/m1"));
    }
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A + " m1");
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A2 + " m1");
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A2 + " m1");
  }

  @Test
  void whenEveryKeyOfTheModelIsRefusedTheCallFailsWithoutTryingAKeyOfAnotherModel()
      throws Exception {
    Provider x = host().apiKey(KEY_A, 1, "acme/m1").apiKey(KEY_A2, 1, "acme/m1")
        .apiKey(KEY_B, 1, "acme/m2").build();
    refused(401);
    refused(403);
    ok(1);
    try (Router router = Router.builder().provider(x).build()) {
      assertThatThrownBy(() -> router.chat(ask("acme/m1"))).isInstanceOf(RouterException.class);
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A + " m1");
      assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A2 + " m1");
      // m2's key was never rested: its model still works.
      assertThat(router.chat(ask("acme/m2")).text()).isEqualTo("ok");
      assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_B + " m2");
    }
  }

  @Test
  void aStreamRefusedForItsKeyGoesOnWithTheOtherKeyOfItsModel() throws Exception {
    Provider x = host().apiKey(KEY_A, 1, "acme/m1").apiKey(KEY_A2, 1, "acme/m1")
        .apiKey(KEY_B, 5, "acme/m2").build();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60")
        .body("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream").body(CHUNKS).build());
    try (Router router = Router.builder().provider(x).build();
        ChatStream stream = router.stream(ask("acme/m1"))) {
      StringBuilder text = new StringBuilder();
      stream.forEach(c -> text.append(c.text()));
      assertThat(text).hasToString("ok");
    }
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A + " m1");
    assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_A2 + " m1");
  }

  @Test
  void anEndpointNoKeyServesIsLeftOutOfThePlanWithItsReason() throws Exception {
    // y is cheaper and serves m2, but its only key is for m1: m2 goes to x.
    MockWebServer other = new MockWebServer();
    other.start(0);
    try {
      Provider y = OpenAiCompatible.builder("y").baseUrl(other.url("/v1").toString())
          .apiKey(KEY_A, 1, "acme/m1")
          .endpoint(Endpoint.builder("y", "acme/m2").pricing(Pricing.perMillion("0.1", "0.2"))
              .build())
          .build();
      Provider x = host().apiKey(KEY_B, 1, "acme/m2").build();
      ok(1);
      try (Router router = Router.builder().provider(y).provider(x).build()) {
        assertThat(router.chat(ask("acme/m2")).provider()).isEqualTo("x");
        assertThat(other.getRequestCount()).isZero();
        assertThat(keyAndModel()).isEqualTo("Bearer " + KEY_B + " m2");
      }
      try (Router router = Router.builder().provider(y).build()) {
        assertThatThrownBy(() -> router.chat(ask("acme/m2")))
            .isInstanceOfSatisfying(NoEndpointException.class, e -> {
              assertThat(e.exclusions()).containsExactly("y:acme/m2 — no key for this model:"
                  + " the keys of y [y-key-1] are restricted to other models");
              assertThat(e.getMessage()).doesNotContain(KEY_A);
            });
        assertThat(other.getRequestCount()).isZero();
      }
    } finally {
      other.close();
    }
  }

  @Test
  void anEmbeddingCarriesTheKeyThatServesItsModel() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"object\":\"list\",\"data\":["
        + "{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,-0.25]}],"
        + "\"model\":\"e-1\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}").build());
    Provider x = host().apiKey(KEY_A, 1, "acme/m*").apiKey(KEY_B, 1, "acme/e-*")
        .endpoint(Endpoint.builder("x", "acme/e-1").pricing(Pricing.perMillion("0.02", "0"))
            .build())
        .build();
    Provider keyless = OpenAiCompatible.builder("z").baseUrl(server.url("/v2").toString())
        .apiKey(KEY_A2, 1, "acme/m*")
        .endpoint(Endpoint.builder("z", "acme/e-1").pricing(Pricing.perMillion("0.01", "0"))
            .build())
        .build();
    try (Router router = Router.builder().provider(keyless).provider(x).build()) {
      // z is cheaper but has no key for the embedding model: x answers with B.
      assertThat(router.embed(EmbeddingRequest.of("acme/e-1", "river")).provider())
          .isEqualTo("x");
    }
    RecordedRequest r = sent();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY_B);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anEmbeddingModelNoKeyMayCallFailsNamingTheRestrictedKeys() {
    Provider keyless = OpenAiCompatible.builder("z").baseUrl(server.url("/v2").toString())
        .apiKey(KEY_A2, 1, "acme/m*")
        .endpoint(Endpoint.builder("z", "acme/e-1").pricing(Pricing.perMillion("0.01", "0"))
            .build())
        .build();
    try (Router router = Router.builder().provider(keyless).build()) {
      assertThatThrownBy(() -> router.embed(EmbeddingRequest.of("acme/e-1", "river")))
          .isInstanceOfSatisfying(dev.router4j.api.error.NoEndpointException.class, e -> {
            assertThat(e.getMessage()).startsWith("no key may call the embedding model acme/e-1");
            assertThat(e.exclusions()).singleElement().asString()
                .startsWith("z:acme/e-1 — no key for this model: the keys of z [")
                .endsWith("] are restricted to other models").doesNotContain(KEY_A2);
          });
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
