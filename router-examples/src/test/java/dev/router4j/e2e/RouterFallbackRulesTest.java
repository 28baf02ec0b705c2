package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.EndpointHealth;
import dev.router4j.Router;
import dev.router4j.RouterListener;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.routing.Sort;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fallback rules that need several hosts: context length, circuit breakers, moderation. */
class RouterFallbackRulesTest {
  private static final String REPLY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
  private static final String TOO_LONG = "{\"error\":{\"message\":\"This model's maximum context length is "
      + "16385 tokens. However, your messages resulted in 20000 tokens.\",\"type\":\"invalid_request_error\","
      + "\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}";

  private final List<MockWebServer> servers = new ArrayList<>();

  private MockWebServer server() throws IOException {
    MockWebServer s = new MockWebServer();
    s.start(0);
    servers.add(s);
    return s;
  }

  @AfterEach
  void stop() {
    servers.forEach(MockWebServer::close);
  }

  private static Provider host(MockWebServer s, String slug, String price, int context) {
    return OpenAiCompatible.builder(slug).baseUrl(s.url("/v1").toString()).apiKey("sk-rules-" + slug)
        .endpoint(Endpoint.builder(slug, "acme/m").pricing(Pricing.perMillion(price, price))
            .contextLength(context).build())
        .build();
  }

  private static ChatRequest byPrice() {
    return ChatRequest.builder().model("acme/m").user("hi").provider(p -> p.sort(Sort.PRICE)).build();
  }

  @Test
  void aContextLengthErrorFallsBackOnlyToALargerContext() throws IOException {
    MockWebServer small = server();
    MockWebServer alsoSmall = server();
    MockWebServer large = server();
    small.enqueue(new MockResponse.Builder().code(400).body(TOO_LONG).build());
    large.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    try (Router router = Router.builder().provider(host(small, "small", "1", 16_385))
        .provider(host(alsoSmall, "also-small", "2", 16_385)).provider(host(large, "large", "3", 200_000))
        .build()) {
      ChatResponse answer = router.chat(byPrice());
      assertThat(answer.provider()).isEqualTo("large");
      assertThat(answer.route()).extracting(RouteAttempt::provider, RouteAttempt::outcome).containsExactly(
          org.assertj.core.groups.Tuple.tuple("small", RouteAttempt.Outcome.FELL_BACK),
          org.assertj.core.groups.Tuple.tuple("also-small", RouteAttempt.Outcome.SKIPPED),
          org.assertj.core.groups.Tuple.tuple("large", RouteAttempt.Outcome.SUCCESS));
      assertThat(answer.route().get(0).errorCategory()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
      assertThat(alsoSmall.getRequestCount()).isZero();
    }
  }

  @Test
  void aModerationRefusalReturnsAtOnce() throws IOException {
    MockWebServer first = server();
    MockWebServer second = server();
    first.enqueue(new MockResponse.Builder().code(403).body("{\"error\":{\"code\":403,\"message\":"
        + "\"Input flagged by moderation\",\"metadata\":{\"reasons\":[\"violence\"]}}}").build());
    try (Router router = Router.builder().provider(host(first, "first", "1", 8_000))
        .provider(host(second, "second", "2", 8_000)).build()) {
      assertThatThrownBy(() -> router.chat(byPrice())).isInstanceOfSatisfying(RouterException.class,
          e -> assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION));
      assertThat(second.getRequestCount()).isZero();
    }
  }

  @Test
  void consecutiveFailuresOpenTheCircuitWhichIsThenSkippedAndReported() throws IOException {
    MockWebServer flaky = server();
    MockWebServer steady = server();
    for (int i = 0; i < 3; i++) {
      flaky.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"boom\"}}").build());
      steady.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    }
    steady.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    List<String> opened = new ArrayList<>();
    try (Router router = Router.builder().provider(host(flaky, "flaky", "1", 8_000))
        .provider(host(steady, "steady", "2", 8_000)).circuitBreaker(3, Duration.ofMinutes(5))
        .listener(new RouterListener() {
          @Override
          public void circuitOpened(String endpointId, String lastFailure) {
            opened.add(endpointId + " " + lastFailure);
          }
        }).build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(router.chat(byPrice()).provider()).isEqualTo("steady");
      }
      assertThat(opened).singleElement().asString().startsWith("flaky:acme/m PROVIDER_ERROR");
      ChatResponse fourth = router.chat(byPrice());
      assertThat(fourth.route().get(0).outcome()).isEqualTo(RouteAttempt.Outcome.SKIPPED);
      assertThat(flaky.getRequestCount()).isEqualTo(3);
      assertThat(router.health()).filteredOn(h -> h.endpointId().equals("flaky:acme/m"))
          .singleElement().satisfies(h -> {
            assertThat(h.circuit()).isEqualTo("OPEN");
            assertThat(h.reopensIn()).isPositive();
            assertThat(h.stable()).isFalse();
          });
      assertThat(router.metrics().fallbacks()).isEqualTo(3);
    }
  }
}
