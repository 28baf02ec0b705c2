package dev.router4j.providers.anthropic;

import static dev.router4j.providers.anthropic.AnthropicFixture.request;
import static dev.router4j.providers.anthropic.AnthropicFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anthropic's error replies, classified with what Anthropic said kept. */
class AnthropicErrorTest {
  private final AnthropicFixture fx = new AnthropicFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private ProviderException fail(int status, String body, String... headers) {
    fx.reply(status, body, headers);
    return catchThrowableOfType(ProviderException.class,
        () -> fx.adapter.chat(fx.call(request().user("Hello").build())));
  }

  @Test
  void aPromptTooLongIsContextLengthExceededWithTheRequestId() {
    ProviderException e = fail(400, resource("error-prompt-too-long.json"),
        "request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.provider()).isEqualTo("anthropic");
    assertThat(e.model()).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThat(e.providerType()).isEqualTo("invalid_request_error");
    assertThat(e.providerMessage()).isEqualTo("prompt is too long: 208310 tokens > 200000 maximum");
    assertThat(e.requestId()).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
  }

  @Test
  void anOrdinaryBadRequestIsAnInvalidRequestAndTheBodysRequestIdIsUsedWithoutTheHeader() {
    ProviderException e = fail(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"messages.1.content.0.tool_result: unexpected tool_use_id\"},"
        + "\"request_id\":\"req_body_only\"}");

    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.fallbackWorthy()).isFalse();
    assertThat(e.requestId()).isEqualTo("req_body_only");
  }

  @Test
  void anInvalidKeyIsAnAuthenticationFailureWithoutTheKeyInTheMessage() {
    ProviderException e = fail(401, resource("error-authentication.json"));

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.providerType()).isEqualTo("authentication_error");
    assertThat(e.providerMessage()).isEqualTo("invalid x-api-key");
    assertThat(e.getMessage()).doesNotContain(AnthropicFixture.KEY);
    assertThat(e.requestId()).isEqualTo("req_011CSHpQ8rYk2eTgXbWv3Lm9");
  }

  @Test
  void aRateLimitIsRetryableAfterTheWaitItAsksFor() {
    ProviderException e = fail(429, resource("error-rate-limit.json"),
        "retry-after", "17",
        "anthropic-ratelimit-input-tokens-limit", "30000",
        "anthropic-ratelimit-input-tokens-remaining", "0",
        "anthropic-ratelimit-input-tokens-reset", "2030-01-01T00:00:00Z");

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    assertThat(e.providerType()).isEqualTo("rate_limit_error");
  }

  @Test
  void overloaded529IsRetryableAndFallbackWorthy() {
    ProviderException e = fail(529, resource("error-overloaded.json"));

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.httpStatus()).isEqualTo(529);
    assertThat(e.retryable()).isTrue();
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.providerMessage()).isEqualTo("Overloaded");
  }

  @Test
  void anUnreachableHostIsATransportFailure() {
    fx.server.close();
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fx.adapter.chat(fx.call(request().user("Hello").build())));

    assertThat(e.category()).isIn(ErrorCategory.TRANSPORT, ErrorCategory.TIMEOUT);
    assertThat(e.httpStatus()).isZero();
  }
}
