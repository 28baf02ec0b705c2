package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming through the router: chunks as they arrive, the assembled answer, fallback, breaks. */
class RouterStreamingTest {
  private static final String CHUNKS = ""
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
      + ": keep-alive\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Seine, \"},\"finish_reason\":null}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Loire.\"},\"finish_reason\":null}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
      + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14}}\n\n"
      + "data: [DONE]\n\n";

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

  private static Provider host(MockWebServer host, String slug, String promptPerMillion) {
    return OpenAiCompatible.builder(slug).baseUrl(host.url("/v1").toString()).apiKey("sk-stream-test")
        .endpoint(Endpoint.builder(slug, "acme/fast-1")
            .pricing(Pricing.perMillion(promptPerMillion, "2.00")).build())
        .build();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(body).build();
  }

  private static ChatRequest request() {
    // Cheapest first, so that the tests know which host answers first.
    return ChatRequest.builder().model("acme/fast-1").user("Rivers?")
        .provider(p -> p.sort(dev.router4j.api.routing.Sort.PRICE)).build();
  }

  @Test
  void chunksArriveInOrderAndTheAssembledAnswerCarriesUsageAndCost() throws Exception {
    server.enqueue(sse(CHUNKS));
    try (Router router = Router.builder().provider(host(server, "acme", "1.00")).build();
        ChatStream stream = router.stream(request())) {
      StringBuilder text = new StringBuilder();
      stream.forEach(c -> text.append(c.text()));
      assertThat(text).hasToString("Seine, Loire.");
      ChatResponse whole = stream.response();
      assertThat(whole.text()).isEqualTo("Seine, Loire.");
      assertThat(whole.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(whole.usage().total()).isEqualTo(14);
      // 10 x $1/M + 4 x $2/M
      assertThat(whole.cost().total()).isEqualByComparingTo("0.000018");
      assertThat(whole.provider()).isEqualTo("acme");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
        .fromJson(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(sent.get("stream")).isEqualTo(true);
    assertThat(sent.get("stream_options")).isEqualTo(Map.of("include_usage", true));
  }

  @Test
  void aStreamThatFailsBeforeItsFirstTokenFallsBack() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60")
        .body("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}").build());
    backup.enqueue(sse(CHUNKS));
    try (Router router = Router.builder()
            .provider(host(server, "cheap", "0.50")).provider(host(backup, "dear", "1.00")).build();
        ChatStream stream = router.stream(request())) {
      List<String> texts = new ArrayList<>();
      stream.forEach(c -> texts.add(c.text()));
      assertThat(String.join("", texts)).isEqualTo("Seine, Loire.");
      assertThat(stream.response().route()).extracting(RouteAttempt::provider, RouteAttempt::outcome)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("cheap", RouteAttempt.Outcome.FELL_BACK),
              org.assertj.core.groups.Tuple.tuple("dear", RouteAttempt.Outcome.SUCCESS));
    }
  }

  @Test
  void aStreamCutBeforeDoneEndsWithStreamInterruptedCarryingThePartialText() {
    String cut = CHUNKS.substring(0, CHUNKS.indexOf("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1,\"model\":\"fast-1\",\"choices\":[{\"index\":0,\"delta\":{},"));
    server.enqueue(sse(cut));
    backup.enqueue(sse(CHUNKS));
    try (Router router = Router.builder()
            .provider(host(server, "cheap", "0.50")).provider(host(backup, "dear", "1.00")).build();
        ChatStream stream = router.stream(request())) {
      StringBuilder text = new StringBuilder();
      assertThatThrownBy(() -> stream.forEach(c -> text.append(c.text())))
          .isInstanceOfSatisfying(StreamInterruptedException.class,
              e -> assertThat(e.partialText()).isEqualTo("Seine, Loire."));
      assertThat(text).hasToString("Seine, Loire.");
      assertThat(backup.getRequestCount()).as("no fallback after the first token").isZero();
    }
  }

  @Test
  void aStreamWithNoFirstTokenInTimeFallsBack() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .headersDelay(0, TimeUnit.MILLISECONDS).bodyDelay(3, TimeUnit.SECONDS).body(CHUNKS).build());
    backup.enqueue(sse(CHUNKS));
    try (Router router = Router.builder()
            .provider(host(server, "cheap", "0.50")).provider(host(backup, "dear", "1.00"))
            .firstTokenTimeout(java.time.Duration.ofMillis(300)).build();
        ChatStream stream = router.stream(request())) {
      StringBuilder text = new StringBuilder();
      stream.forEach(c -> text.append(c.text()));
      assertThat(text).hasToString("Seine, Loire.");
      assertThat(stream.response().route()).extracting(RouteAttempt::provider, RouteAttempt::errorCategory)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("cheap", dev.router4j.api.error.ErrorCategory.TIMEOUT),
              org.assertj.core.groups.Tuple.tuple("dear", null));
    }
  }

  @Test
  void aStreamRetriesA503OnTheSameEndpointLikeChatAndCountsFailures() {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"busy\"}}").build());
    server.enqueue(sse(CHUNKS));
    try (Router router = Router.builder().provider(host(server, "acme", "1.00")).build()) {
      try (ChatStream stream = router.stream(request())) {
        stream.forEach(c -> { });
        assertThat(stream.response().route()).extracting(RouteAttempt::outcome)
            .containsExactly(RouteAttempt.Outcome.RETRIED, RouteAttempt.Outcome.SUCCESS);
      }
      server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad\"}}").build());
      try (ChatStream failing = router.stream(request())) {
        assertThatThrownBy(() -> failing.forEach(c -> { }))
            .isInstanceOf(dev.router4j.api.error.RouterException.class);
      }
      assertThat(router.metrics().failed()).isEqualTo(1);
      assertThat(router.metrics().succeeded()).isEqualTo(1);
    }
  }

  @Test
  void thePublisherDeliversOnlyWhatIsDemanded() throws Exception {
    server.enqueue(sse(CHUNKS));
    try (Router router = Router.builder().provider(host(server, "acme", "1.00")).build()) {
      CompletableFuture<List<String>> done = new CompletableFuture<>();
      router.publisher(request()).subscribe(new Flow.Subscriber<>() {
        private final List<String> seen = new ArrayList<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          s.request(1);
        }

        @Override
        public void onNext(ChatChunk item) {
          seen.add(item.text());
          subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
          done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
          done.complete(seen);
        }
      });
      assertThat(String.join("", done.get(5, TimeUnit.SECONDS))).isEqualTo("Seine, Loire.");
    }
  }
}
