package dev.router4j.providers.anthropic;

import static dev.router4j.providers.anthropic.AnthropicFixture.request;
import static dev.router4j.providers.anthropic.AnthropicFixture.resource;
import static dev.router4j.providers.testing.MockProviderFixture.sse;
import static dev.router4j.providers.testing.NoSecrets.UNSHAPED_KEY;
import static dev.router4j.providers.testing.NoSecrets.all;
import static dev.router4j.providers.testing.NoSecrets.assertNoneIn;
import static dev.router4j.providers.testing.NoSecrets.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.testing.MockProviderFixture;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact key of the call, and anything shaped like a key, never reaches an exception. */
class AnthropicSecretTest {
  private final MockProviderFixture fx = new MockProviderFixture(
      url -> Anthropic.builder().baseUrl(url).apiKey(UNSHAPED_KEY).build(), "/v1") { };
  private final ProviderCall hi = fx.call(request().user("Hi").build(), AnthropicFixture.SONNET);

  @AfterEach
  void stop() {
    fx.close();
  }

  private static String errorBody(String type) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\""
        + echo(UNSHAPED_KEY) + "\"},\"request_id\":\"req_1\"}";
  }

  /** The opening of a stream, up to its first text delta ("The Seine, the Loire"). */
  private static String opening(boolean withText) {
    String full = resource("stream-text.sse");
    int firstDelta = full.indexOf("event: content_block_delta");
    return withText ? full.substring(0, full.indexOf("\n\n", firstDelta) + 2)
        : full.substring(0, firstDelta);
  }

  @Test
  void anHttpErrorEchoingTheKeyKeepsItOutOfEveryMessage() {
    fx.reply(401, errorBody("authentication_error"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> fx.adapter.chat(hi));

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.requestId()).isEqualTo("req_1");
    assertThat(e.providerMessage()).startsWith("Incorrect API key provided: [redacted].");
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void aStreamsHttpErrorEchoingTheKeyKeepsItOut() {
    RouterException e = fx.streamEnd(hi, new MockResponse.Builder().code(401)
        .addHeader("Content-Type", "application/json")
        .body(errorBody("authentication_error")).build());

    assertThat(e).isInstanceOf(ProviderException.class);
    assertNoneIn(e, all(UNSHAPED_KEY));
  }

  @Test
  void anErrorEventEchoingTheKeyKeepsItOutBeforeAndAfterOutput() {
    String error = "event: error\ndata: " + errorBody("overloaded_error") + "\n\n";
    RouterException before = fx.streamEnd(hi, sse(opening(false) + error));
    assertThat(before).isInstanceOfSatisfying(ProviderException.class,
        p -> assertThat(p.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED));
    assertNoneIn(before, all(UNSHAPED_KEY));

    RouterException after = fx.streamEnd(hi, sse(opening(true) + error));
    assertThat(after).isInstanceOfSatisfying(StreamInterruptedException.class,
        s -> assertThat(s.partialText()).isEqualTo("The Seine, the Loire"));
    assertThat(after.getCause()).isInstanceOf(ProviderException.class);
    assertNoneIn(after, all(UNSHAPED_KEY));
  }
}
