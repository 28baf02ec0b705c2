package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.resource;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings}: the request, and vectors as floats or base64. */
class OpenAiEmbeddingTest {
  private static final Endpoint SMALL =
      Endpoint.builder("openai", "openai/text-embedding-3-small").build();

  private final OpenAiFixture fx = new OpenAiFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private EmbeddingResponse embed(EmbeddingRequest request) {
    return fx.adapter.embed(request, SMALL, fx.provider.credentials().get(0), Duration.ofSeconds(5));
  }

  @Test
  void floatVectorsComeBackInTheOrderOfTheTextsWithUsage() {
    fx.reply(200, resource("embeddings-float.json"));
    EmbeddingResponse r = embed(new EmbeddingRequest("openai/text-embedding-3-small",
        List.of("The Seine", "The Loire"), 3, null, "user-1", Map.of("extra_field", "kept")));

    RecordedRequest sent = fx.taken();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiFixture.KEY);
    assertThat(OpenAiFixture.json(sent.getBody().utf8())).isEqualTo(Map.of(
        "model", "text-embedding-3-small", "input", List.of("The Seine", "The Loire"),
        "dimensions", 3.0, "user", "user-1", "extra_field", "kept"));

    assertThat(r.model()).isEqualTo("text-embedding-3-small");
    assertThat(r.provider()).isEqualTo("openai");
    assertThat(r.data()).containsExactly(
        new Embedding(0, new float[] {0.5f, -0.25f, 1.0f}),
        new Embedding(1, new float[] {0.125f, 2.0f, -1.5f}));
    assertThat(r.usage().promptTokens()).isEqualTo(8);
    assertThat(r.usage().totalTokens()).isEqualTo(8);
  }

  @Test
  void base64VectorsAreDecodedAsLittleEndianFloats() {
    fx.reply(200, resource("embeddings-base64.json"));
    EmbeddingResponse r = embed(new EmbeddingRequest("openai/text-embedding-3-small",
        List.of("The Seine", "The Loire"), null, "base64", null, null));

    assertThat(OpenAiFixture.json(fx.taken().getBody().utf8()))
        .containsEntry("encoding_format", "base64").doesNotContainKeys("dimensions", "user");
    assertThat(r.data()).containsExactly(
        new Embedding(0, new float[] {0.5f, -0.25f, 1.0f}),
        new Embedding(1, new float[] {0.125f, 2.0f, -1.5f}));
  }

  @Test
  void oneTextIsSentAsAString() {
    fx.reply(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
        + "\"embedding\":[1,2]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}");
    EmbeddingResponse r = embed(EmbeddingRequest.of("openai/text-embedding-3-small", "Seine"));

    assertThat(OpenAiFixture.json(fx.taken().getBody().utf8())).containsEntry("input", "Seine");
    assertThat(r.data().get(0).vector()).containsExactly(1f, 2f);
  }

  @Test
  void aReplyWithTheWrongNumberOfVectorsIsMalformed() {
    fx.reply(200, resource("embeddings-float.json"));
    assertThatThrownBy(() -> embed(EmbeddingRequest.of("openai/text-embedding-3-small", "only one")))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.path()).isEqualTo("$.data"));

    fx.reply(200, "{\"data\":[{\"index\":0,\"embedding\":\"not base64!\"}]}");
    assertThatThrownBy(() -> embed(EmbeddingRequest.of("openai/text-embedding-3-small", "x")))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.path()).isEqualTo("$.data[0].embedding"));
  }

  @Test
  void anErrorReplyIsClassified() {
    fx.reply(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}", "x-request-id", "req_e");
    assertThatThrownBy(() -> embed(EmbeddingRequest.of("openai/text-embedding-3-small", "x")))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
          assertThat(e.requestId()).isEqualTo("req_e");
        });
  }
}
