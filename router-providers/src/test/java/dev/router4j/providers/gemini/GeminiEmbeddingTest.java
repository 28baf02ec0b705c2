package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.Embedding;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Embeddings: {@code embedContent} for one text, {@code batchEmbedContents} for several. */
class GeminiEmbeddingTest extends GeminiTestSupport {
  private static final Endpoint EMBEDDER = endpoint("gemini-embedding-001");

  private EmbeddingResponse embed(EmbeddingRequest request) {
    return provider.adapter().embed(request, EMBEDDER, provider.credentials().get(0),
        Duration.ofSeconds(10));
  }

  @Test
  void oneTextUsesEmbedContent() throws Exception {
    enqueueJson(200, resource("embed-single.json"));
    EmbeddingResponse r = embed(new EmbeddingRequest("google/gemini-embedding-001",
        List.of("The Seine flows through Paris."), 4, null, null, null));

    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath())
        .isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
    assertThat(req.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
    assertThat(req.getUrl().toString()).doesNotContain(KEY);
    assertThat(json(req)).isEqualTo(Map.of(
        "content", Map.of("parts", List.of(Map.of("text", "The Seine flows through Paris."))),
        "outputDimensionality", 4.0));

    assertThat(r.provider()).isEqualTo("google-ai-studio");
    assertThat(r.model()).isEqualTo("gemini-embedding-001");
    assertThat(r.usage()).isNull();
    assertThat(r.data()).containsExactly(
        new Embedding(0, new float[] {0.0123f, -0.0456f, 0.0789f, 0.1011f}));
  }

  @Test
  void severalTextsUseBatchEmbedContentsInOrder() throws Exception {
    enqueueJson(200, resource("embed-batch.json"));
    EmbeddingResponse r = embed(new EmbeddingRequest("google/gemini-embedding-001",
        List.of("Seine", "Loire", "Rhône"), null, null, null,
        Map.of("taskType", "RETRIEVAL_DOCUMENT")));

    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath())
        .isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    Map<String, Object> body = json(req);
    assertThat(arr(body.get("requests"))).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(at(body, "requests", i)).isEqualTo(Map.of(
          "model", "models/gemini-embedding-001",
          "content", Map.of("parts", List.of(Map.of("text", List.of("Seine", "Loire", "Rhône").get(i)))),
          "taskType", "RETRIEVAL_DOCUMENT"));
    }
    assertThat(r.usage()).isNull();
    assertThat(r.data()).containsExactly(
        new Embedding(0, new float[] {0.11f, -0.22f, 0.33f}),
        new Embedding(1, new float[] {-0.44f, 0.55f, -0.66f}),
        new Embedding(2, new float[] {0.77f, 0.88f, -0.99f}));
  }

  @Test
  void aBatchReplyWithTheWrongCountIsMalformed() {
    enqueueJson(200, resource("embed-batch.json"));
    assertThatThrownBy(() -> embed(EmbeddingRequest.of("google/gemini-embedding-001", "a", "b")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected 2 embeddings, got 3");
  }

  @Test
  void embeddingErrorsAreClassified() {
    enqueueJson(400, resource("error-400-api-key.json"));
    assertThatThrownBy(() -> embed(EmbeddingRequest.of("google/gemini-embedding-001", "a")))
        .isInstanceOf(ProviderException.class)
        .extracting(e -> ((ProviderException) e).category())
        .isEqualTo(ErrorCategory.AUTHENTICATION);
  }
}
