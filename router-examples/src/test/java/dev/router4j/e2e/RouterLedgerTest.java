package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.ledger.GroupBy;
import dev.router4j.ledger.Ledger;
import dev.router4j.ledger.UsageRow;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.workspace.Workspace;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One generation record per generation, with exact cost, through router.chat and router.stream. */
class RouterLedgerTest {
  private static final String REPLY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}}";

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

  private static Provider host(MockWebServer s, String slug, String prompt) {
    return OpenAiCompatible.builder(slug).baseUrl(s.url("/v1").toString()).apiKey("sk-ledger-" + slug)
        .endpoint(Endpoint.builder(slug, "acme/m").pricing(Pricing.perMillion(prompt, "4")).build())
        .build();
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("acme/m").user("hello").userId("u-7")
        .provider(p -> p.sort(dev.router4j.api.routing.Sort.PRICE)).build();
  }

  @Test
  void aFallenBackCallLeavesOneRecordChargingOnlyTheAttemptThatAnswered() {
    server.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"boom\"}}").build());
    backup.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    try (Router router = Router.builder().provider(host(server, "cheap", "1")).provider(host(backup, "dear", "2"))
        .sleeper(d -> { }).build()) {
      ChatResponse answer = router.chat(ask());
      GenerationRecord r = router.generation(answer.id()).orElseThrow();
      assertThat(r.provider()).isEqualTo("dear");
      assertThat(r.user()).isEqualTo("u-7");
      assertThat(r.promptTokens()).isEqualTo(100);
      assertThat(r.totalCost()).isEqualByComparingTo("0.0004"); // 100 x 2e-6 + 50 x 4e-6
      assertThat(r.attempts()).extracting(a -> a.outcome()).containsExactly(
          RouteAttempt.Outcome.FELL_BACK, RouteAttempt.Outcome.SUCCESS);
      assertThat(r.attempts()).extracting(a -> a.cost().signum()).containsExactly(0, 1);
      assertThat(r.promptText()).as("no content kept by default").isNull();
      assertThat(router.usage().totals().requests()).isEqualTo(1);
    }
  }

  @Test
  void aStreamWithoutUsageIsCountedLocallyAndMarkedEstimated() {
    String body = "data: {\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello there, friend\"}}]}\n\n"
        + "data: {\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n";
    server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    try (Router router = Router.builder().provider(host(server, "cheap", "1")).build();
        ChatStream stream = router.stream(ask())) {
      stream.forEach(c -> { });
      ChatResponse whole = stream.response();
      assertThat(whole.usage().estimated()).isTrue();
      assertThat(whole.usage().completionTokens()).isBetween(3, 6);
      assertThat(whole.cost().estimated()).isTrue();
      GenerationRecord r = router.generation(whole.id()).orElseThrow();
      assertThat(r.streamed()).isTrue();
      assertThat(r.tokensEstimated()).isTrue();
      assertThat(r.timeToFirstToken()).isNotNull();
    }
  }

  @Test
  void anInterruptedStreamIsChargedForWhatItProducedAndRecordedOnce() {
    String body = "data: {\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half an answer\"}}]}\n\n";
    server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    try (Router router = Router.builder().provider(host(server, "cheap", "1")).build();
        ChatStream stream = router.stream(ask())) {
      assertThatThrownBy(() -> stream.forEach(c -> { })).isInstanceOf(StreamInterruptedException.class);
      List<GenerationRecord> records = router.usage().records();
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.tokensEstimated()).isTrue();
        assertThat(r.completionTokens()).isPositive();
        assertThat(r.totalCost()).isPositive();
        assertThat(r.cancelled()).isFalse();
      });
    }
  }

  @Test
  void aSqliteLedgerKeepsRecordsAndContentOnlyWhereTheWorkspaceOptsIn(@TempDir Path dir) {
    server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    Path db = dir.resolve("usage.db");
    String keptId;
    try (Router router = Router.builder().provider(host(server, "cheap", "1"))
        .workspace(Workspace.builder("audited").keepContent(true).build())
        .ledger(Ledger.sqlite(db)).build()) {
      keptId = router.workspace("audited").tagged(Map.of("feature", "search")).chat(ask()).id();
      router.chat(ask());
    }
    try (Ledger reopened = Ledger.sqlite(db)) {
      GenerationRecord kept = reopened.generation(keptId).orElseThrow();
      assertThat(kept.workspace()).isEqualTo("audited");
      assertThat(kept.tags()).containsEntry("feature", "search");
      assertThat(kept.promptText()).contains("hello");
      assertThat(kept.completionText()).isEqualTo("ok");
      List<UsageRow> byWorkspace = reopened.query().series(GroupBy.WORKSPACE);
      assertThat(byWorkspace).extracting(UsageRow::requests).containsExactly(1L, 1L);
      assertThat(reopened.query().totals().cost()).isEqualByComparingTo(new BigDecimal("0.0006"));
    }
  }
}
