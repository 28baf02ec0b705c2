package dev.router4j.providers.gemini;

import static dev.router4j.providers.testing.MockProviderFixture.sse;
import static dev.router4j.providers.testing.NoSecrets.UNSHAPED_KEY;
import static dev.router4j.providers.testing.NoSecrets.all;
import static dev.router4j.providers.testing.NoSecrets.assertNoneIn;
import static dev.router4j.providers.testing.NoSecrets.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.testing.MockProviderFixture;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact key of the call, and anything shaped like a key, never reaches an exception. */
class GeminiSecretTest {
  private static final Endpoint FLASH = Endpoint.builder(Gemini.SLUG, "google/gemini-2.5-flash")
      .pricing(Pricing.FREE).build();
  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("google/gemini-2.5-flash").user("Hi").build();
  private static final String HELLO = "data: {\"candidates\":[{\"content\":{\"parts\":"
      + "[{\"text\":\"Hello\"}],\"role\":\"model\"},\"index\":0}]}\n\n";

  private final MockProviderFixture fx = new MockProviderFixture(
      url -> Gemini.builder().baseUrl(url).apiKey(UNSHAPED_KEY).build(), "/v1beta") { };
  private final ProviderCall hi = fx.call(REQUEST, FLASH);

  @AfterEach
  void stop() {
    fx.close();
  }

  private static String errorBody(int code, String status) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + echo(UNSHAPED_KEY)
        + "\",\"status\":\"" + status + "\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"" + UNSHAPED_KEY + "\"}]}}";
  }

  @Test
  void anHttpErrorEchoingTheKeyKeepsItOutOfEveryMessage() {
    fx.reply(400, errorBody(400, "INVALID_ARGUMENT"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> fx.adapter.chat(hi));

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.providerMessage()).startsWith("Incorrect API key provided: [redacted].");
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void anEmbeddingErrorEchoingTheKeyKeepsItOut() {
    fx.reply(403, errorBody(403, "PERMISSION_DENIED"));
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fx.adapter.embed(EmbeddingRequest.of("google/gemini-embedding-001", "a"), FLASH,
            fx.provider.credentials().get(0), Duration.ofSeconds(10)));

    assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION);
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void aStreamsHttpErrorEchoingTheKeyKeepsItOut() {
    RouterException e = fx.streamEnd(hi, new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .body(errorBody(429, "RESOURCE_EXHAUSTED")).build());

    assertThat(e).isInstanceOf(ProviderException.class);
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void anInStreamErrorEchoingTheKeyKeepsItOutBeforeAndAfterOutput() {
    String error = "data: " + errorBody(503, "UNAVAILABLE") + "\n\n";
    RouterException before = fx.streamEnd(hi, sse(error));
    assertThat(before).isInstanceOfSatisfying(ProviderException.class,
        p -> assertThat(p.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED));
    assertNoneIn(before, all(UNSHAPED_KEY));

    RouterException after = fx.streamEnd(hi, sse(HELLO + error));
    assertThat(after).isInstanceOfSatisfying(StreamInterruptedException.class,
        s -> assertThat(s.partialText()).isEqualTo("Hello"));
    assertThat(after.getCause()).isInstanceOf(ProviderException.class);
    assertNoneIn(after, all(UNSHAPED_KEY));
  }
}
