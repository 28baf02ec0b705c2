package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.request;
import static dev.router4j.providers.testing.MockProviderFixture.sse;
import static dev.router4j.providers.testing.NoSecrets.UNSHAPED_KEY;
import static dev.router4j.providers.testing.NoSecrets.all;
import static dev.router4j.providers.testing.NoSecrets.assertNoneIn;
import static dev.router4j.providers.testing.NoSecrets.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.AzureOpenAi;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.testing.MockProviderFixture;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact key of the call, and anything shaped like a key, never reaches an exception. */
class OpenAiSecretTest {
  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}");
  private static final String HELLO = chunk("{\"content\":\"Hello\"}");

  private final MockProviderFixture fx = new MockProviderFixture(
      url -> OpenAi.builder().baseUrl(url).apiKey(UNSHAPED_KEY).build(), "/v1") { };
  private final ProviderCall hi = fx.call(request().user("Hi").build(), OpenAiFixture.GPT_41);

  @AfterEach
  void stop() {
    fx.close();
  }

  private static String chunk(String delta) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"finish_reason\":null}]}\n\n";
  }

  private static String errorBody(String key) {
    return "{\"error\":{\"message\":\"" + echo(key) + "\",\"type\":\"" + key
        + "\",\"param\":null,\"code\":\"" + key + "\"}}";
  }

  private RouterException chatFailure() {
    return catchThrowableOfType(RouterException.class, () -> fx.adapter.chat(hi));
  }

  @Test
  void anHttpErrorEchoingTheKeyKeepsItOutOfEveryMessage() {
    fx.reply(401, errorBody(UNSHAPED_KEY));
    RouterException e = chatFailure();

    assertThat(e).isInstanceOfSatisfying(ProviderException.class, p -> {
      assertThat(p.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
      assertThat(p.providerMessage()).startsWith("Incorrect API key provided: [redacted].");
    });
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void anErrorDocumentInA200ReplyEchoingTheKeyKeepsItOut() {
    fx.reply(200, errorBody(UNSHAPED_KEY).replace("\"code\":\"" + UNSHAPED_KEY + "\"",
        "\"code\":429"));
    RouterException e = chatFailure();

    assertThat(e).isInstanceOfSatisfying(ProviderException.class,
        p -> assertThat(p.httpStatus()).isEqualTo(429));
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void aMalformedReplyWhosePathNamesTheKeyKeepsItOut() {
    fx.reply(200, "{\"id\":\"x\",\"" + UNSHAPED_KEY + "\": tru");
    RouterException e = chatFailure();

    assertThat(e).isInstanceOf(MalformedResponseException.class);
    assertNoneIn(e, UNSHAPED_KEY);
  }

  @Test
  void anEmbeddingsErrorEchoingTheKeyKeepsItOut() {
    fx.reply(401, errorBody(UNSHAPED_KEY));
    RouterException e = catchThrowableOfType(RouterException.class,
        () -> fx.adapter.embed(EmbeddingRequest.of("openai/text-embedding-3-small", "a"),
            OpenAiFixture.GPT_41, fx.provider.credentials().get(0), Duration.ofSeconds(10)));

    assertThat(e).isInstanceOf(ProviderException.class);
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void aStreamsHttpErrorEchoingTheKeyKeepsItOut() {
    RouterException e = fx.streamEnd(hi, new MockResponse.Builder().code(401)
        .addHeader("Content-Type", "application/json").body(errorBody(UNSHAPED_KEY)).build());

    assertThat(e).isInstanceOf(ProviderException.class);
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void anInBandErrorEchoingTheKeyKeepsItOutBeforeAndAfterOutput() {
    String error = "data: " + errorBody(UNSHAPED_KEY) + "\n\n";
    RouterException before = fx.streamEnd(hi, sse(ROLE + error));
    assertThat(before).isInstanceOf(ProviderException.class);
    assertNoneIn(before, all(UNSHAPED_KEY));

    RouterException after = fx.streamEnd(hi, sse(ROLE + HELLO + error));
    assertThat(after).isInstanceOfSatisfying(StreamInterruptedException.class,
        s -> assertThat(s.partialText()).isEqualTo("Hello"));
    assertThat(after.getCause()).isInstanceOf(ProviderException.class);
    assertNoneIn(after, all(UNSHAPED_KEY));
  }

  @Test
  void anUnusableChunkWhosePathNamesTheKeyKeepsItOutOfTheInterruptionAndItsCause() {
    RouterException e = fx.streamEnd(hi, sse(ROLE + HELLO
        + "data: {\"id\":\"c\",\"" + UNSHAPED_KEY + "\": tru}\n\n"));

    assertThat(e).isInstanceOf(StreamInterruptedException.class);
    assertThat(e.getCause()).isInstanceOf(MalformedResponseException.class);
    assertNoneIn(e, UNSHAPED_KEY);
  }

  @Test
  void azuresHexKeyEchoedInAnApiKeyHeaderIsRedacted() {
    String hexKey = "5d41402abc4b2a76b9719d911017c592";
    try (MockProviderFixture azure = new MockProviderFixture(url -> AzureOpenAi.builder()
        .endpoint(url).deployment("gpt-4o-prod").apiKey(hexKey).build(), "/") { }) {
      azure.reply(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied: api-key: "
          + hexKey + " is not a valid key for an active subscription.\"}}",
          "apim-request-id", "apim-1");
      ProviderException e = catchThrowableOfType(ProviderException.class,
          () -> azure.adapter.chat(azure.call(request().model("openai/gpt-4o").user("Hi").build(),
              OpenAiFixture.GPT_41)));

      assertThat(e.requestId()).isEqualTo("apim-1");
      assertNoneIn(e, hexKey);
    }
  }
}
