package dev.router4j.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAiCompatible;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A host nobody wrote code for: a slug, a base URL and a key are enough. */
class CustomHostTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void replyOk() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(OpenAiFixture.resource("chat-text.json")).build());
  }

  @Test
  void aBaseUrlAndAKeyMakeAWorkingProviderWithItsModels() throws Exception {
    Provider acme = OpenAiCompatible.builder("acme")
        .baseUrl(server.url("/api/v2").toString())
        .apiKey("acme-secret-1")
        .header("X-Tenant", "blue")
        .model("acme/fast-1", Pricing.perMillion("0.40", "1.60"))
        .build();
    assertThat(acme.slug()).isEqualTo("acme");
    Endpoint fast = acme.endpoints().get(0);
    assertThat(fast.upstreamModel()).isEqualTo("fast-1");

    replyOk();
    ChatResponse r = Recorder.chat(acme, ChatRequest.builder().model("acme/fast-1")
        .developer("Be terse.").user("Rivers?").maxTokens(20).topK(5).build(), fast);

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v2/chat/completions");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer acme-secret-1");
    assertThat(sent.getHeaders().get("X-Tenant")).isEqualTo("blue");
    Map<String, Object> body = OpenAiFixture.json(sent.getBody().utf8());
    assertThat(body).containsEntry("model", "fast-1").containsEntry("max_tokens", 20.0)
        .containsEntry("top_k", 5.0);
    assertThat(OpenAiFixture.at(body.get("messages"), 0).get("role")).isEqualTo("system");
    assertThat(r.text()).isEqualTo("The Seine, the Loire and the Rhône.");
    assertThat(r.provider()).isEqualTo("acme");

    server.enqueue(new MockResponse.Builder().code(200)
        .body(OpenAiFixture.resource("embeddings-float.json")).build());
    acme.adapter().embed(new EmbeddingRequest("acme/embed", java.util.List.of("a", "b"), null, null,
        null, null), Endpoint.builder("acme", "acme/embed").build(), acme.credentials().get(0),
        Duration.ofSeconds(5));
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/embeddings");
  }

  @Test
  void aHostWithoutAKeyAndOneTakingTheKeyAsAnApiKeyHeader() throws Exception {
    Provider open = OpenAiCompatible.builder("lab").baseUrl(server.url("/v1").toString()).build();
    assertThat(open.credentials()).isEmpty();
    replyOk();
    Recorder.chat(open, ChatRequest.builder().model("lab/m").user("Hi").build(),
        Endpoint.builder("lab", "lab/m").build());
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();

    Provider header = OpenAiCompatible.builder("gw").baseUrl(server.url("/v1").toString())
        .apiKey("gw-key").apiKeyHeader().build();
    replyOk();
    Recorder.chat(header, ChatRequest.builder().model("gw/m").user("Hi").build(),
        Endpoint.builder("gw", "gw/m").build());
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getHeaders().get("api-key")).isEqualTo("gw-key");
    assertThat(sent.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aCustomHostCanBorrowAPresetsQuirks() throws Exception {
    Provider proxy = OpenAiCompatible.builder("mistral-proxy").baseUrl(server.url("/v1").toString())
        .apiKey("k").like("mistral").build();
    replyOk();
    Recorder.chat(proxy, ChatRequest.builder().model("mistralai/m").user("Hi").seed(3L)
        .tools(dev.router4j.api.Tool.function("f", null, "{\"type\":\"object\"}"))
        .toolChoice(ToolChoice.REQUIRED).build(), Endpoint.builder("mistral-proxy", "mistralai/m").build());
    Map<String, Object> body = OpenAiFixture.json(server.takeRequest().getBody().utf8());
    assertThat(body).containsEntry("random_seed", 3.0).containsEntry("tool_choice", "any")
        .doesNotContainKey("seed");

    assertThatThrownBy(() -> OpenAiCompatible.builder("x").like("nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known");
  }

  @Test
  void theBaseUrlIsRequiredAndPlainHttpOnlyOnLoopbackOrWhenAllowed() {
    assertThatThrownBy(() -> OpenAiCompatible.builder("none").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a baseUrl");
    assertThatThrownBy(() -> OpenAiCompatible.builder("lan").baseUrl("http://10.0.0.5:8000/v1")
        .apiKey("k").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("plain HTTP");
    assertThat(OpenAiCompatible.builder("lan").baseUrl("http://10.0.0.5:8000/v1").allowPlainHttp()
        .apiKey("k").build().slug()).isEqualTo("lan");
  }

  @Test
  void keysAreLabelledInOrderAndCarryTheirWeights() {
    Provider acme = OpenAiCompatible.builder("acme").baseUrl(server.url("/v1").toString())
        .apiKey("sk-" + "acme-one")
        .apiKey("sk-" + "acme-two", 3)
        .credential(new dev.router4j.api.spi.Credential("acme-spare", "sk-" + "acme-spare")
            .withWeight(2))
        .build();
    assertThat(acme.credentials()).extracting(c -> c.label() + "/" + c.weight())
        .containsExactly("acme-key-1/1", "acme-key-2/3", "acme-spare/2");
    assertThatThrownBy(() -> OpenAiCompatible.builder("acme").apiKey("sk-" + "acme-one", 0))
        .isInstanceOf(dev.router4j.api.error.InvalidRequestException.class)
        .hasMessage("weight: must be at least 1, was 0 for credential 'acme-key-1'");
  }
}
