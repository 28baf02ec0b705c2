package dev.router4j.providers;

import static dev.router4j.providers.testing.MockProviderFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.testing.StreamCollector;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ProviderBuilder#maxResponseBytes(long)}: every adapter reads at most that many bytes
 * of a reply or a stream. Each reply here is a valid answer padded to about 4 KiB (white space
 * after a JSON document, comment lines before a stream's events), so the same reply is an
 * answer under a cap of 64 KiB and a typed error under a cap of 1 KiB.
 */
class ResponseCapTest {
  private static final String KEY = "sk-" + "test-cap-0123456789";
  private static final int PADDING = 4096;
  private static final long SMALL = 1024;
  private static final long LARGE = 64 * 1024;

  private String body;
  private final OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> {
    boolean sse = chain.request().header("Accept").contains("event-stream");
    return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
        .code(200).message("OK")
        .body(ResponseBody.create(body, MediaType.get(
            sse ? "text/event-stream" : "application/json")))
        .build();
  }).build();

  @AfterEach
  void stop() {
    client.dispatcher().executorService().shutdown();
  }

  private static ProviderBuilder<?> builder(String kind) {
    switch (kind) {
      case "openai":
        return OpenAiCompatible.builder("acme").baseUrl("https://cap.invalid/v1");
      case "azure":
        return AzureOpenAi.builder().resource("cap").deployment("gpt-4o");
      case "anthropic":
        return Anthropic.builder();
      default:
        return Gemini.builder();
    }
  }

  private Provider provider(String kind, long cap) {
    String slug = switch (kind) {
      case "openai" -> "acme";
      case "azure" -> AzureOpenAi.SLUG;
      case "anthropic" -> "anthropic";
      default -> Gemini.SLUG;
    };
    return builder(kind).client(client).apiKey(KEY).maxResponseBytes(cap)
        .endpoint(Endpoint.builder(slug, "acme/model").upstreamModel("model")
            .pricing(Pricing.perMillion("1", "2")).build())
        .build();
  }

  private static ProviderCall call(Provider p) {
    return new ProviderCall(ChatRequest.builder().model("acme/model").user("hi").build(),
        p.endpoints().get(0), p.credentials().get(0), Duration.ofSeconds(5));
  }

  private static String answer(String kind) {
    switch (kind) {
      case "anthropic":
        return resource("anthropic", "message-text.json");
      case "gemini":
        return resource("gemini", "generate-text.json");
      default:
        return resource("openai", "chat-text.json");
    }
  }

  private static String stream(String kind) {
    switch (kind) {
      case "anthropic":
        return resource("anthropic", "stream-text.sse");
      case "gemini":
        return resource("gemini", "stream-thinking.sse");
      default:
        return resource("openai", "stream-text.sse");
    }
  }

  private static void assertCapError(RouterException e, long cap) {
    assertThat(e).isNotNull();
    ErrorCategory category = e instanceof StreamInterruptedException s
        ? s.underlyingCategory() : e.category();
    assertThat(category).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(e.getMessage()).contains("limit").contains(Long.toString(cap))
        .doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "azure", "anthropic", "gemini"})
  void aReplyLargerThanTheCapIsATypedErrorAndTheSameReplyUnderALargerCapIsAnAnswer(
      String kind) {
    body = answer(kind) + " ".repeat(PADDING);

    Provider large = provider(kind, LARGE);
    assertThat(large.adapter().chat(call(large)).text()).isNotBlank();

    Provider small = provider(kind, SMALL);
    assertCapError(catchThrowableOfType(RouterException.class,
        () -> small.adapter().chat(call(small))), SMALL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "azure", "anthropic", "gemini"})
  void aStreamLongerThanTheCapEndsWithATypedError(String kind) {
    body = (": " + "x".repeat(62) + "\n").repeat(PADDING / 64) + "\n" + stream(kind);

    Provider large = provider(kind, LARGE);
    StreamCollector whole = new StreamCollector();
    large.adapter().stream(call(large), whole);
    assertThat(whole.await()).isNull();
    assertThat(whole.chunks).isNotEmpty();

    Provider small = provider(kind, SMALL);
    StreamCollector cut = new StreamCollector();
    small.adapter().stream(call(small), cut);
    assertCapError(cut.await(), SMALL);
    assertThat(cut.terminals.get()).isEqualTo(1);
  }

  @Test
  void embeddingsAreCappedToo() {
    body = resource("openai", "embeddings-float.json") + " ".repeat(PADDING);
    EmbeddingRequest request = EmbeddingRequest.of("acme/model", "one", "two");

    Provider large = provider("openai", LARGE);
    int vectors = large.adapter().embed(request, large.endpoints().get(0),
        large.credentials().get(0), Duration.ofSeconds(5)).data().size();
    assertThat(vectors).isEqualTo(2);

    Provider small = provider("openai", SMALL);
    assertCapError(catchThrowableOfType(RouterException.class, () -> small.adapter().embed(
        request, small.endpoints().get(0), small.credentials().get(0), Duration.ofSeconds(5))),
        SMALL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "azure", "anthropic", "gemini"})
  void aCapThatIsNotPositiveIsRefusedNamingTheSetting(String kind) {
    for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> builder(kind).maxResponseBytes(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxResponseBytes").hasMessageContaining(Long.toString(bad));
    }
    assertThat(builder(kind).maxResponseBytes(1)).isNotNull();
  }
}
