package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.request;
import static dev.router4j.providers.openai.OpenAiFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.testing.StreamCollector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpenAI error replies, classified with the provider's own words and ids kept, keys removed. */
class OpenAiErrorTest {
  private final OpenAiFixture fx = new OpenAiFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private ProviderException failure(int code, String body, String... headers) {
    fx.reply(code, body, headers);
    return catchThrowableOfType(ProviderException.class,
        () -> fx.adapter.chat(fx.call(request().user("x").build())));
  }

  static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out + " " + t;
  }

  @Test
  void aRateLimitIsRetryableAfterTheWaitItNamesAndKeepsTheRequestId() {
    ProviderException e = failure(429, resource("error-rate-limit.json"),
        "x-request-id", "req_7f3a", "retry-after-ms", "2002",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s");

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2002));
    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e.providerType()).isEqualTo("tokens");
    assertThat(e.providerCode()).isEqualTo("rate_limit_exceeded");
    assertThat(e.providerMessage()).startsWith("Rate limit reached for gpt-4.1");
    assertThat(e.requestId()).isEqualTo("req_7f3a");
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(e.model()).isEqualTo("openai/gpt-4.1");

    ProviderException reset = failure(429, resource("error-rate-limit.json"),
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s");
    assertThat(reset.retryAfter()).as("the exhausted limit's reset").isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void insufficientQuotaIsPaymentAndNotRetryable() {
    ProviderException e = failure(429, resource("error-quota.json"));
    assertThat(e.category()).isEqualTo(ErrorCategory.PAYMENT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isTrue();
  }

  @Test
  void contextLengthAndUnsupportedParametersAreTheirOwnCategories() {
    ProviderException context = failure(400, resource("error-context.json"));
    assertThat(context.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(context.fallbackWorthy()).isTrue();

    ProviderException unsupported = failure(400, resource("error-unsupported-parameter.json"));
    assertThat(unsupported.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(unsupported.providerCode()).isEqualTo("unsupported_parameter");
    assertThat(unsupported.fallbackWorthy()).isFalse();
  }

  @Test
  void aBadKeyIsAuthenticationAndTheKeyAppearsNowhere() {
    ProviderException e = failure(401, resource("error-invalid-key.json"), "x-request-id", "req_401");

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.providerCode()).isEqualTo("invalid_api_key");
    assertThat(e.requestId()).isEqualTo("req_401");
    assertThat(everything(e)).doesNotContain(OpenAiFixture.KEY);
  }

  @Test
  void aKeyOfAnyShapeEchoedByAHostIsRemoved() throws Exception {
    String key = "gsk_Zq81NotAStandardShapeKey0000"; // matches no generic key pattern
    try (MockWebServer host = new MockWebServer()) {
      host.start(0);
      Provider p = OpenAiCompatible.builder("acme").baseUrl(host.url("/v1").toString())
          .apiKey(key).build();
      host.enqueue(new mockwebserver3.MockResponse.Builder().code(401)
          .body("{\"error\":{\"message\":\"Invalid API Key: " + key + "\",\"type\":\"invalid_request_error\","
              + "\"code\":\"invalid_api_key\"}}").build());
      ProviderCall call = new ProviderCall(request().user("x").build(), OpenAiFixture.GPT_41,
          p.credentials().get(0), Duration.ofSeconds(5));
      RouterException e = catchThrowableOfType(RouterException.class, () -> p.adapter().chat(call));
      assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
      assertThat(((ProviderException) e).providerMessage()).contains("[redacted]");
      assertThat(everything(e)).doesNotContain(key);

      host.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
          .addHeader("Content-Type", "text/event-stream")
          .body("data: {\"error\":{\"message\":\"key " + key + " revoked\",\"type\":\"authentication_error\"}}\n\n")
          .build());
      StreamCollector c = new StreamCollector();
      p.adapter().stream(call, c);
      assertThat(everything(c.await())).doesNotContain(key);
    }
  }

  @Test
  void serverErrorsAndOverloadAreRetryableAndAProxyPageIsReadAsText() {
    ProviderException server = failure(500, "{\"error\":{\"message\":\"The server had an error "
        + "processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    assertThat(server.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(server.retryable()).isTrue();

    ProviderException overloaded = failure(503, "{\"error\":{\"message\":\"The engine is currently "
        + "overloaded, please try again later\",\"type\":\"server_error\"}}", "retry-after", "3");
    assertThat(overloaded.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(overloaded.retryAfter()).isEqualTo(Duration.ofSeconds(3));

    ProviderException proxy = failure(502, "<html><head><title>502 Bad Gateway</title></head>"
        + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>");
    assertThat(proxy.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(proxy.providerMessage()).contains("502 Bad Gateway").doesNotContain("<");

    ProviderException shouldNot = failure(500, "{\"error\":{\"message\":\"no\"}}", "x-should-retry", "false");
    assertThat(shouldNot.retryable()).isFalse();
  }

  @Test
  void aModelNotFoundIsNotFoundAndWorthAFallback() {
    ProviderException e = failure(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist "
        + "or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
        + "\"code\":\"model_not_found\"}}");
    assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
    assertThat(e.fallbackWorthy()).isTrue();
  }

  @Test
  void anUnreachableHostIsATransportFailureWithoutAStatus() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start(0);
    String url = gone.url("/v1").toString();
    gone.close();
    Provider p = OpenAi.builder().baseUrl(url).apiKey(OpenAiFixture.KEY).build();
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> p.adapter().chat(
        new ProviderCall(request().user("x").build(), OpenAiFixture.GPT_41,
            p.credentials().get(0), Duration.ofSeconds(5))));
    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSPORT);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.retryable()).isTrue();
  }
}
