package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.at;
import static dev.router4j.providers.openai.OpenAiFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.Reasoning;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.AzureOpenAi;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure OpenAI: per-deployment URLs, the api-version, the api-key header, the same wire. */
class AzureOpenAiTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef"; // Azure's shape: 32 hex
  private static final Endpoint GPT_4O = Endpoint.builder(AzureOpenAi.SLUG, "openai/gpt-4o").build();

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

  private AzureOpenAi.Builder azure() {
    return AzureOpenAi.builder().endpoint(server.url("/").toString()).apiKey(KEY);
  }

  private RecordedRequest chatThrough(Provider p, ChatRequest request, Endpoint endpoint)
      throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(resource("chat-text.json")).build());
    ChatResponse r = Recorder.chat(p, request, endpoint);
    assertThat(r.provider()).isEqualTo("azure");
    return server.takeRequest();
  }

  @Test
  void aMappedModelGoesToItsDeploymentWithTheApiVersionAndTheApiKeyHeader() throws Exception {
    Provider p = azure().deployment("openai/gpt-4o", "gpt-4o-prod").apiVersion("2024-10-21").build();
    assertThat(p.slug()).isEqualTo("azure");

    RecordedRequest sent = chatThrough(p, ChatRequest.builder().model("openai/gpt-4o")
        .system("Be terse.").developer("No lists.").user("Hi").maxTokens(64).build(), GPT_4O);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
    assertThat(sent.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
    assertThat(sent.getHeaders().get("api-key")).isEqualTo(KEY);
    assertThat(sent.getHeaders().get("Authorization")).isNull();
    Map<String, Object> body = OpenAiFixture.json(sent.getBody().utf8());
    assertThat(body).containsEntry("model", "gpt-4o-prod").containsEntry("max_tokens", 64.0);
    assertThat(at(body.get("messages"), 1).get("role"))
        .as("every API version takes system").isEqualTo("system");
  }

  @Test
  void unmappedModelsUseTheDefaultDeploymentElseTheirUpstreamName() throws Exception {
    Provider withDefault = azure().deployment("catch-all").build();
    RecordedRequest sent = chatThrough(withDefault,
        ChatRequest.builder().model("openai/gpt-4o").user("Hi").build(), GPT_4O);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/openai/deployments/catch-all/chat/completions");
    assertThat(sent.getUrl().queryParameter("api-version")).isEqualTo(AzureOpenAi.DEFAULT_API_VERSION);

    Provider declared = azure().model("openai/gpt-4.1-mini", "mini-eu", Pricing.FREE, 1_000_000).build();
    Endpoint mini = declared.endpoints().get(0);
    RecordedRequest byName = chatThrough(declared,
        ChatRequest.builder().model("openai/gpt-4.1-mini").user("Hi").build(), mini);
    assertThat(byName.getUrl().encodedPath()).isEqualTo("/openai/deployments/mini-eu/chat/completions");
  }

  @Test
  void aReasoningModelIsKnownByItsSlugWhateverItsDeploymentIsCalled() throws Exception {
    Provider p = azure().deployment("openai/o3-mini", "reasoner-prod").build();
    RecordedRequest sent = chatThrough(p, ChatRequest.builder().model("openai/o3-mini")
            .system("Think.").user("27*453?").temperature(0.2).maxTokens(2000)
            .reasoningEffort(Reasoning.Effort.MEDIUM).build(),
        Endpoint.builder(AzureOpenAi.SLUG, "openai/o3-mini").build());
    Map<String, Object> body = OpenAiFixture.json(sent.getBody().utf8());
    assertThat(body).containsEntry("model", "reasoner-prod")
        .containsEntry("max_completion_tokens", 2000.0).containsEntry("reasoning_effort", "medium")
        .doesNotContainKeys("temperature", "max_tokens");
    assertThat(at(body.get("messages"), 0).get("role")).isEqualTo("developer");
  }

  @Test
  void embeddingsGoToTheDeploymentsEmbeddingsPath() throws Exception {
    Provider p = azure().deployment("openai/text-embedding-3-small", "embed-prod").build();
    server.enqueue(new MockResponse.Builder().code(200).body(resource("embeddings-base64.json")).build());
    EmbeddingResponse r = p.adapter().embed(new EmbeddingRequest("openai/text-embedding-3-small",
            java.util.List.of("a", "b"), null, "base64", null, null),
        Endpoint.builder(AzureOpenAi.SLUG, "openai/text-embedding-3-small").build(),
        p.credentials().get(0), Duration.ofSeconds(5));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/openai/deployments/embed-prod/embeddings");
    assertThat(sent.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
    assertThat(sent.getHeaders().get("api-key")).isEqualTo(KEY);
    assertThat(r.data()).hasSize(2);
    assertThat(r.data().get(1).vector()).containsExactly(0.125f, 2.0f, -1.5f);
  }

  @Test
  void aResourceNameMakesTheAzureHostAndTheV1ApiDropsTheVersion() {
    Recorder recorder = new Recorder();
    Provider p = AzureOpenAi.builder().resource("myres").deployment("gpt-4o-prod").apiKey(KEY)
        .client(recorder.client()).build();
    Recorder.chat(p, ChatRequest.builder().model("openai/gpt-4o").user("Hi").build(), GPT_4O);
    Request sent = recorder.last();
    assertThat(sent.url().toString()).isEqualTo(
        "https://myres.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");

    Provider v1 = AzureOpenAi.builder().endpoint("https://gw.example.com/aoai/openai/")
        .deployment("gpt-4o-prod").apiVersion("v1").apiKey(KEY).client(recorder.client()).build();
    Recorder.chat(v1, ChatRequest.builder().model("openai/gpt-4o").user("Hi").build(), GPT_4O);
    assertThat(recorder.last().url().toString())
        .as("a gateway's path prefix is kept").isEqualTo("https://gw.example.com/aoai/openai/v1/chat/completions");
    assertThat(recorder.lastBody()).containsEntry("model", "gpt-4o-prod");
  }

  @Test
  void errorsKeepAzuresRequestIdAndNeverTheKey() {
    Provider p = azure().deployment("gpt-4o-prod").build();
    server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("apim-request-id", "apim-7c1d")
        .body("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key "
            + KEY + ". Make sure to provide a valid key for an active subscription.\"}}").build());
    assertThatThrownBy(() -> Recorder.chat(p, ChatRequest.builder().model("openai/gpt-4o")
        .user("Hi").build(), GPT_4O))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
          assertThat(e.requestId()).isEqualTo("apim-7c1d");
          assertThat(OpenAiErrorTest.everything(e)).doesNotContain(KEY);
        });
  }

  @Test
  void theBuilderChecksWhatItIsGiven() {
    assertThatThrownBy(() -> AzureOpenAi.builder().apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("resource");
    assertThatThrownBy(() -> AzureOpenAi.builder().resource("myres").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("API key");
    assertThatThrownBy(() -> AzureOpenAi.builder().resource("my res"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AzureOpenAi.builder().deployment("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AzureOpenAi.builder().apiVersion(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AzureOpenAi.builder().endpoint("http://myres.example.com").apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("plain HTTP");
  }
}
