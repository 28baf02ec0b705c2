package dev.router4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.Router;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterEmbeddingTest {
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

  @Test
  void embeddingsGoThroughTheRouterWithUsageAndExactCost() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"object\":\"list\",\"data\":["
        + "{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,-0.25]},"
        + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[1.0,0.0]}],"
        + "\"model\":\"e-1\",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}").build());
    try (Router router = Router.builder().provider(OpenAiCompatible.builder("acme")
        .baseUrl(server.url("/v1").toString()).apiKey("sk-embed-test")
        .endpoint(Endpoint.builder("acme", "acme/e-1").pricing(Pricing.perMillion("0.02", "0")).build())
        .build()).build()) {
      EmbeddingResponse r = router.embed(EmbeddingRequest.of("acme/e-1", "river", "mountain"));
      assertThat(r.data()).hasSize(2);
      assertThat(r.data().get(0).vector()).containsExactly(0.5f, -0.25f);
      assertThat(r.provider()).isEqualTo("acme");
      assertThat(r.cost().total()).isEqualByComparingTo("0.00000016");
      assertThatThrownBy(() -> router.embed(EmbeddingRequest.of("acme/none", "x")))
          .isInstanceOf(NoEndpointException.class).hasMessageContaining("acme/none");
    }
  }
}
