package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.BudgetExceededException;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.Guardrails;
import dev.router4j.workspace.RateLimit;
import dev.router4j.workspace.SpendAlert;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspaces, spend caps, guardrails and rate limits through router.chat. */
class RouterWorkspaceTest {
  // 20 prompt + 10 completion tokens at $1/M and $2/M: $0.00004 a call.
  private static final String REPLY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}";

  private MockWebServer cheap;
  private MockWebServer dear;

  @BeforeEach
  void start() throws IOException {
    cheap = new MockWebServer();
    cheap.start(0);
    dear = new MockWebServer();
    dear.start(0);
  }

  @AfterEach
  void stop() {
    cheap.close();
    dear.close();
  }

  private static Provider host(MockWebServer server, String slug, String prompt) {
    return OpenAiCompatible.builder(slug).baseUrl(server.url("/v1").toString()).apiKey("sk-ws-" + slug)
        .endpoint(Endpoint.builder(slug, "acme/m").pricing(Pricing.perMillion(prompt, "2")).build())
        .build();
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("acme/m").user("hi").maxTokens(10).build();
  }

  private static void replies(MockWebServer server, int n) {
    for (int i = 0; i < n; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body(REPLY).build());
    }
  }

  @Test
  void aSpendCapStopsCallsBeforeTheyCanOvershootAndAlertsAtThresholds() {
    replies(cheap, 3);
    List<SpendAlert> alerts = new ArrayList<>();
    Workspace prod = Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.DAY, "0.0001")).build();
    try (Router router = Router.builder().provider(host(cheap, "cheap", "1")).workspace(prod)
        .spendListener(alerts::add).build()) {
      Router ws = router.workspace("prod");
      assertThat(ws.chat(ask()).cost().total()).isEqualByComparingTo("0.00004");
      ws.chat(ask());
      assertThatThrownBy(() -> ws.chat(ask()))
          .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.PAYMENT);
            assertThat(e.getMessage()).contains("prod");
          });
      assertThat(cheap.getRequestCount()).as("the refused call never left the JVM").isEqualTo(2);
      assertThat(alerts).extracting(SpendAlert::percent).containsExactly(50, 80);
      // The root router has no cap: the same call goes through there.
      assertThat(router.chat(ask()).text()).isEqualTo("ok");
    }
  }

  @Test
  void guardrailsExcludeProvidersAndRefuseBlockedModels() {
    replies(dear, 1);
    Workspace safe = Workspace.builder("safe").guardrails(Guardrails.builder()
        .blockedProviders("cheap").blockedModels("acme/forbidden*").build()).build();
    try (Router router = Router.builder().provider(host(cheap, "cheap", "1"))
        .provider(host(dear, "dear", "5")).workspace(safe).build()) {
      ChatResponse answer = router.workspace("safe").chat(ask());
      assertThat(answer.provider()).isEqualTo("dear");
      assertThat(cheap.getRequestCount()).isZero();
      assertThatThrownBy(() -> router.workspace("safe").chat(
          ChatRequest.builder().model("acme/forbidden-1").user("x").build()))
          .isInstanceOfSatisfying(RouterException.class,
              e -> assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION));
      assertThatThrownBy(() -> router.workspace("nope")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("safe");
    }
  }

  @Test
  void aRateLimitRefusesTheCallOverItWithTheWait() {
    replies(cheap, 2);
    try (Router router = Router.builder().provider(host(cheap, "cheap", "1"))
        .rateLimit(RateLimit.model("acme/m", 1)).build()) {
      router.chat(ask());
      assertThatThrownBy(() -> router.chat(ask()))
          .isInstanceOfSatisfying(RouterException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
            assertThat(e.retryAfter()).isPositive();
          });
      assertThat(cheap.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aWorkspaceDefaultModelServesRequestsThatNameNone() {
    replies(cheap, 1);
    try (Router router = Router.builder().provider(host(cheap, "cheap", "1"))
        .workspace(Workspace.builder("w").defaultModel("acme/m").build()).build()) {
      assertThat(router.workspace("w").chat(ChatRequest.builder().user("hi").build()).model())
          .isEqualTo("acme/m");
    }
  }
}
