package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.StreamInterruptedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final ErrorClassifier classifier =
      new ErrorClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

  private static Function<String, String> headers(String... namesAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i].toLowerCase(Locale.ROOT), namesAndValues[i + 1]);
    }
    return map::get;
  }

  private ProviderException classify(int status, String body, String... headers) {
    return classifier.classify(status, headers(headers), body, "test", "some-model");
  }

  // ---------------------------------------------------------------- OpenAI

  @Test
  void anOpenAiUnsupportedParameterIsAnInvalidRequestKeepingTypeCodeAndMessage() {
    ProviderException e =
        classifier.classify(
            400,
            headers(),
            """
            {
              "error": {
                "message": "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                "type": "invalid_request_error",
                "param": "max_tokens",
                "code": "unsupported_parameter"
              }
            }""",
            "openai",
            "o3-mini");

    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(e.model()).isEqualTo("o3-mini");
    assertThat(e.providerType()).isEqualTo("invalid_request_error");
    assertThat(e.providerCode()).isEqualTo("unsupported_parameter");
    assertThat(e.providerMessage()).startsWith("Unsupported parameter: 'max_tokens'");
    assertThat(e.getMessage()).contains("openai (o3-mini) answered HTTP 400 [INVALID_REQUEST]");
  }

  @Test
  void anOpenAiContextLengthCodeIsContextLengthExceeded() {
    ProviderException e =
        classify(
            400,
            """
            {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130532 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void anOpenAiInvalidKeyIsAuthenticationAndTheEchoedKeyIsRedacted() {
    ProviderException e =
        classify(
            401,
            """
            {"error":{"message":"Incorrect API key provided: sk-proj-AbCdEfGh1234567890XyZ. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.providerCode()).isEqualTo("invalid_api_key");
    assertThat(e.providerMessage()).contains("Incorrect API key provided: [redacted]");
    assertThat(e.getMessage()).doesNotContain("AbCdEfGh1234567890");
  }

  @Test
  void anOpenAiTokenRateLimitWaitsForTheExhaustedLimitToReset() {
    ProviderException e =
        classify(
            429,
            """
            {"error":{"message":"Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29841, Requested 1200. Please try again in 2.082s.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""",
            "x-ratelimit-limit-requests", "500",
            "x-ratelimit-remaining-requests", "499",
            "x-ratelimit-reset-requests", "120ms",
            "x-ratelimit-limit-tokens", "30000",
            "x-ratelimit-remaining-tokens", "0",
            "x-ratelimit-reset-tokens", "2.082s");

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2082));
    assertThat(e.providerType()).isEqualTo("tokens");
    assertThat(e.providerCode()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void anOpenAiRateLimitWithoutRemainingCountsWaitsForTheLatestReset() {
    ProviderException e =
        classify(
            429,
            "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
            "x-ratelimit-reset-requests", "6m0s",
            "x-ratelimit-reset-tokens", "1s");

    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void openAiInsufficientQuotaIsPaymentAndNotRetryableThoughA429() {
    ProviderException e =
        classify(
            429,
            """
            {"error":{"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""",
            "x-ratelimit-reset-requests", "1s",
            "x-should-retry", "true");

    assertThat(e.category()).isEqualTo(ErrorCategory.PAYMENT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.retryAfter()).isNull();
  }

  @Test
  void anOpenAiServerErrorIsARetryableProviderError() {
    ProviderException e =
        classify(
            500,
            "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerType()).isEqualTo("server_error");
    assertThat(e.providerCode()).isNull();
  }

  @Test
  void theXShouldRetryHeaderOverridesTheCategorysRetryAnswer() {
    ProviderException e =
        classify(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}",
            "x-should-retry", "false");

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aModelNotFoundIsNotFound() {
    ProviderException e =
        classify(
            404,
            "{\"error\":{\"message\":\"The model `gpt-5-ultra` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");

    assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
    assertThat(e.fallbackWorthy()).isTrue();
  }

  // ---------------------------------------------------------------- Anthropic

  @Test
  void anAnthropicPromptTooLongIsContextLengthExceeded() {
    ProviderException e =
        classify(
            400,
            """
            {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.providerType()).isEqualTo("invalid_request_error");
    assertThat(e.providerMessage()).isEqualTo("prompt is too long: 208310 tokens > 200000 maximum");
  }

  @Test
  void anAnthropicRequestTooLargeIsAnInvalidRequest() {
    ProviderException e =
        classify(
            413,
            "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum allowed number of bytes.\"}}");

    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.providerType()).isEqualTo("request_too_large");
  }

  @Test
  void a413WhoseMessageTalksAboutContextLengthIsContextLengthExceeded() {
    ProviderException e =
        classify(413, "{\"error\":{\"message\":\"Input is too long for requested model.\"}}");

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void anAnthropicOverloaded529IsOverloadedAndRetryable() {
    ProviderException e =
        classify(
            529,
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_01\"}");

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerType()).isEqualTo("overloaded_error");
  }

  @Test
  void anAnthropicRateLimitPrefersRetryAfterOverTheResetTimestamps() {
    ProviderException e =
        classify(
            429,
            "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}",
            "retry-after", "17",
            "anthropic-ratelimit-tokens-remaining", "0",
            "anthropic-ratelimit-tokens-reset", "2025-06-01T12:00:45Z");

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void anAnthropicRateLimitWithoutRetryAfterWaitsUntilTheExhaustedLimitResets() {
    ProviderException e =
        classify(
            429,
            "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"rate limited\"}}",
            "anthropic-ratelimit-requests-remaining", "12",
            "anthropic-ratelimit-requests-reset", "2025-06-01T12:05:00Z",
            "anthropic-ratelimit-input-tokens-remaining", "0",
            "anthropic-ratelimit-input-tokens-reset", "2025-06-01T12:00:03.500Z");

    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(3500));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "401, authentication_error, AUTHENTICATION",
    "402, billing_error, PAYMENT",
    "403, permission_error, PERMISSION",
    "404, not_found_error, NOT_FOUND",
    "500, api_error, PROVIDER_ERROR",
    "500, overloaded_error, PROVIDER_OVERLOADED",
    "504, timeout_error, TIMEOUT",
  })
  void anthropicErrorTypesMapByStatus(int status, String type, ErrorCategory expected) {
    ProviderException e =
        classify(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}");

    assertThat(e.category()).isEqualTo(expected);
    assertThat(e.providerType()).isEqualTo(type);
  }

  // ---------------------------------------------------------------- Gemini

  @Test
  void aGeminiResourceExhaustedTakesItsWaitFromRetryInfo() {
    ProviderException e =
        classifier.classify(
            429,
            headers(),
            """
            {
              "error": {
                "code": 429,
                "message": "You exceeded your current quota, please check your plan and billing details.",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  {
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [
                      {
                        "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                        "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                        "quotaDimensions": {"location": "global", "model": "gemini-2.0-flash"},
                        "quotaValue": "15"
                      }
                    ]
                  },
                  {
                    "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [{"description": "Learn more", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]
                  },
                  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "34s"}
                ]
              }
            }""",
            "gemini",
            "gemini-2.0-flash");

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(34));
    assertThat(e.providerCode()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void aGeminiInvalidApiKeyIsAuthenticationDespiteStatus400() {
    ProviderException e =
        classify(
            400,
            """
            [{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}]""");

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.providerCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(e.providerType()).isEqualTo("API_KEY_INVALID");
    assertThat(e.providerMessage()).isEqualTo("API key not valid. Please pass a valid API key.");
  }

  @Test
  void aGeminiInputTokenCountOverTheMaximumIsContextLengthExceeded() {
    ProviderException e =
        classify(
            400,
            "{\"error\":{\"code\":400,\"message\":\"The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).\",\"status\":\"INVALID_ARGUMENT\"}}");

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void aGeminiOverloaded503IsOverloadedAndAPermissionDenied403IsPermission() {
    ProviderException overloaded =
        classify(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}");
    ProviderException denied =
        classify(403, "{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers.\",\"status\":\"PERMISSION_DENIED\"}}");

    assertThat(overloaded.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(overloaded.providerCode()).isEqualTo("UNAVAILABLE");
    assertThat(denied.category()).isEqualTo(ErrorCategory.PERMISSION);
    assertThat(denied.retryable()).isFalse();
  }

  // ---------------------------------------------------------------- OpenRouter

  @Test
  void anOpenRouterPaymentRequiredIsPayment() {
    ProviderException e =
        classify(
            402,
            "{\"error\":{\"message\":\"This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1234.\",\"code\":402,\"metadata\":{\"provider_name\":null}}}");

    assertThat(e.category()).isEqualTo(ErrorCategory.PAYMENT);
    assertThat(e.providerCode()).isEqualTo("402");
    assertThat(e.fallbackWorthy()).isTrue();
  }

  @Test
  void anOpenRouterProviderErrorIsClassifiedFromTheUpstreamRawError() {
    ProviderException e =
        classify(
            400,
            """
            {"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"prompt is too long: 250000 tokens > 200000 maximum\\"}}","provider_name":"Anthropic"}}}""");

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.providerMessage())
        .isEqualTo("Provider returned error [upstream Anthropic]: prompt is too long: 250000 tokens > 200000 maximum");
  }

  @Test
  void anOpenRouterRateLimitUsesItsRetryAfterHeader() {
    ProviderException e =
        classify(
            429,
            "{\"error\":{\"message\":\"Rate limit exceeded: free-models-per-min.\",\"code\":429,\"metadata\":{\"headers\":{\"X-RateLimit-Limit\":\"20\"}}}}",
            "retry-after", "7");

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void anOpenRouterRateLimitResetInEpochMillisIsTakenRelativeToTheClock() {
    ProviderException e =
        classify(
            429,
            "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":429}}",
            "x-ratelimit-remaining", "0",
            "x-ratelimit-reset", Long.toString(NOW.toEpochMilli() + 9_000));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(9));
  }

  // ---------------------------------------------------------------- statuses and hints

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "400, INVALID_REQUEST, false",
    "401, AUTHENTICATION, false",
    "402, PAYMENT, false",
    "403, PERMISSION, false",
    "404, NOT_FOUND, false",
    "408, TIMEOUT, true",
    "409, PROVIDER_ERROR, true",
    "413, INVALID_REQUEST, false",
    "418, INVALID_REQUEST, false",
    "422, INVALID_REQUEST, false",
    "429, RATE_LIMITED, true",
    "500, PROVIDER_ERROR, true",
    "502, PROVIDER_ERROR, true",
    "503, PROVIDER_OVERLOADED, true",
    "504, TIMEOUT, true",
    "520, PROVIDER_ERROR, true",
    "529, PROVIDER_OVERLOADED, true",
  })
  void aBareStatusMapsToItsCategory(int status, ErrorCategory expected, boolean retryable) {
    ProviderException e = classify(status, "");

    assertThat(e.category()).isEqualTo(expected);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.providerMessage()).isNull();
  }

  @Test
  void retryAfterMillisBeatsRetryAfterSeconds() {
    ProviderException e = classify(429, "", "retry-after-ms", "1500", "retry-after", "2");

    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void retryAfterAsAnHttpDateIsRelativeToTheClockAndNeverNegative() {
    ProviderException future = classify(503, "", "retry-after", "Sun, 01 Jun 2025 12:01:30 GMT");
    ProviderException past = classify(503, "", "retry-after", "Sun, 01 Jun 2025 11:00:00 GMT");
    ProviderException junk = classify(503, "", "retry-after", "soon-ish");

    assertThat(future.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(past.retryAfter()).isEqualTo(Duration.ZERO);
    assertThat(junk.retryAfter()).isNull();
  }

  @Test
  void rateLimitResetHeadersAreIgnoredWhenTheReplyIsNotARateLimit() {
    ProviderException e = classify(500, "", "x-ratelimit-reset-requests", "20s");

    assertThat(e.retryAfter()).isNull();
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "1s, 1000",
    "6m0s, 360000",
    "120ms, 120",
    "1h2m3.5s, 3723500",
    "0, 0",
    "0.5s, 500",
    "250us, 0.25",
    "1.5m, 90000",
  })
  void goDurationsParse(String text, double millis) {
    assertThat(Durations.parseGo(text)).isEqualTo(Duration.ofNanos(Math.round(millis * 1e6)));
  }

  @Test
  void malformedGoDurationsGiveNoHint() {
    assertThat(Durations.parseGo("")).isNull();
    assertThat(Durations.parseGo("5")).isNull();
    assertThat(Durations.parseGo("-1s")).isNull();
    assertThat(Durations.parseGo("1d")).isNull();
    assertThat(Durations.parseGo("s")).isNull();
    assertThat(Durations.parseGo("9999999h")).isEqualTo(Durations.MAX);
  }

  @Test
  void okHttpHeadersAreReadCaseInsensitively() {
    Headers h = new Headers.Builder().add("Retry-After", "3").build();

    ProviderException e = classifier.classify(429, h, "{}", "openai", null);

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aResponseFromTheWireIsClassifiedWithItsHeadersAndBody() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse.Builder()
              .code(429)
              .addHeader("Content-Type", "application/json")
              .addHeader("Retry-After-Ms", "750")
              .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}")
              .build());
      server.start();
      OkHttpClient client = new OkHttpClient();
      try (Response response =
          client.newCall(new Request.Builder().url(server.url("/v1/messages")).build()).execute()) {
        ProviderException e = classifier.classify(response, "anthropic", "claude");

        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(750));
        assertThat(e.providerMessage()).isEqualTo("slow");
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }

  // ---------------------------------------------------------------- odd bodies

  @Test
  void anHtmlProxyPageKeepsOnlyAShortTagFreeExcerpt() {
    ProviderException e =
        classify(
            502,
            """
            <html>
            <head><title>502 Bad Gateway</title>
            <style>body { font-family: sans-serif; }</style>
            <script>var key = "sk-live-secret-should-not-appear";</script></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            <hr><center>cloudflare</center>
            <!-- a padding comment --> %s
            </body>
            </html>
            """.formatted("<p>filler &amp; more</p>".repeat(100)));

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(e.providerMessage())
        .startsWith("502 Bad Gateway 502 Bad Gateway cloudflare filler & more")
        .doesNotContain("<", "font-family", "sk-live", "padding comment")
        .hasSizeLessThanOrEqualTo(200);
    assertThat(e.providerType()).isNull();
  }

  @Test
  void aPlainTextBodyIsKeptAsTheMessage() {
    ProviderException e = classify(503, "upstream connect error or disconnect/reset before headers. reset reason: overflow\n");

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.providerMessage())
        .isEqualTo("upstream connect error or disconnect/reset before headers. reset reason: overflow");
  }

  @Test
  void looserJsonShapesStillYieldAMessage() {
    assertThat(classify(400, "{\"error\":\"model is required\"}").providerMessage())
        .isEqualTo("model is required");
    assertThat(classify(422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\"}]}")
            .providerMessage())
        .contains("field required");
    assertThat(classify(404, "{\"message\":\"Not Found\",\"code\":\"NOT_FOUND\"}").providerCode())
        .isEqualTo("NOT_FOUND");
    assertThat(classify(500, "{\"unexpected\":true}").providerMessage()).isEqualTo("{\"unexpected\":true}");
    assertThat(classify(500, "{\"error\": trunc").providerMessage()).isEqualTo("{\"error\": trunc");
  }

  @Test
  void aVeryLongProviderMessageIsCutToFiveHundredCharacters() {
    String message = "x".repeat(5000);
    ProviderException e = classify(400, "{\"error\":{\"message\":\"" + message + "\"}}");

    assertThat(e.providerMessage()).hasSize(500).endsWith("…");
  }

  @Test
  void keysQueryParametersAndAuthorizationHeadersInABodyAreRedacted() {
    ProviderException e =
        classify(
            400,
            "{\"error\":{\"message\":\"bad url https://x/v1beta/models/m:generateContent?key=AIzaSyD-abcdefghijklmnop1234 with Authorization: Bearer abc.def.ghi and x-api-key: sk-ant-api03-zzzzzzzzz\"}}");

    assertThat(e.providerMessage())
        .doesNotContain("AIzaSyD", "abc.def.ghi", "sk-ant-api03")
        .contains("key=[redacted]");
  }

  // ---------------------------------------------------------------- transport

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "connect, TRANSPORT",
    "dns, TRANSPORT",
    "tls, TRANSPORT",
    "read-timeout, TIMEOUT",
    "call-timeout, TIMEOUT",
    "reset, TRANSPORT",
    "wrapped-tls, TRANSPORT",
    "canceled, CANCELLED",
  })
  void transportFailuresAreClassifiedWithStatusZero(String kind, ErrorCategory expected) {
    IOException failure =
        switch (kind) {
          case "connect" -> new ConnectException("Failed to connect to api.openai.com/1.2.3.4:443");
          case "dns" -> new UnknownHostException("api.openai.com");
          case "tls" -> new SSLHandshakeException("PKIX path building failed");
          case "read-timeout" -> new SocketTimeoutException("timeout");
          case "call-timeout" -> new InterruptedIOException("timeout");
          case "reset" -> new SocketException("Connection reset");
          case "wrapped-tls" -> new IOException("unexpected end of stream", new SSLHandshakeException("x"));
          case "canceled" -> new IOException("Canceled");
          default -> throw new IllegalArgumentException(kind);
        };

    ProviderException e = classifier.classifyTransport(failure, "openai", "gpt-4o");

    assertThat(e.category()).isEqualTo(expected);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getCause()).isSameAs(failure);
    assertThat(e.getMessage()).contains("openai (gpt-4o) failed [" + expected + "]");
  }

  @Test
  void aTransportMessageLeaksNoKeyFromTheUrl() {
    ProviderException e =
        classifier.classifyTransport(
            new IOException("unexpected end of stream on https://generativelanguage.googleapis.com/v1beta/models/x?key=AIzaSecretSecretSecret&alt=sse"),
            "gemini",
            null);

    assertThat(e.providerMessage()).doesNotContain("AIzaSecret").contains("key=[redacted]&alt=sse");
  }

  // ---------------------------------------------------------------- in-stream errors

  @Test
  void anAnthropicErrorEventIsOverloaded() {
    ErrorClassifier.StreamError error =
        classifier.streamError(
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

    assertThat(error.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(error.type()).isEqualTo("overloaded_error");
    assertThat(error.message()).isEqualTo("Overloaded");
    assertThat(error.retryable()).isTrue();
  }

  @Test
  void anOpenRouterMidStreamErrorChunkIsFoundAndClassifiedByItsErrorType() {
    String chunk =
        """
        {"id":"gen-123","object":"chat.completion.chunk","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","error":{"code":502,"message":"Provider disconnected unexpectedly","metadata":{"error_type":"provider_unavailable"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}""";

    ErrorClassifier.StreamError error = classifier.findStreamError(chunk);

    assertThat(error).isNotNull();
    assertThat(error.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.type()).isEqualTo("provider_unavailable");
    assertThat(error.message()).isEqualTo("Provider disconnected unexpectedly");
  }

  @Test
  void aMidStreamErrorWithOnlyAStringOrNumericCodeIsStillClassified() {
    assertThat(classifier.streamErrorCategory("{\"error\":{\"code\":\"server_error\",\"message\":\"x\"}}"))
        .isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(classifier.streamErrorCategory("{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}"))
        .isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(classifier.streamErrorCategory("{\"error\":{\"code\":400,\"message\":\"prompt is too long\"}}"))
        .isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classifier.streamErrorCategory(
            "{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\"}}"))
        .isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(classifier.streamErrorCategory("Internal Server Error"))
        .isEqualTo(ErrorCategory.PROVIDER_ERROR);
  }

  @Test
  void ordinaryChunksAreNotMistakenForErrors() {
    assertThat(classifier.findStreamError(
            "{\"choices\":[{\"delta\":{\"content\":\"the \\\"error\\\" was mine\"}}]}"))
        .isNull();
    assertThat(classifier.findStreamError("{\"choices\":[],\"error\":null}")).isNull();
    assertThat(classifier.findStreamError("[DONE]")).isNull();
    assertThat(classifier.findStreamError("{\"type\":\"message_stop\"}")).isNull();
  }

  @Test
  void anInStreamErrorBecomesAStreamInterruptedExceptionWithTheProviderDetailsAsCause() {
    StreamInterruptedException e =
        classifier.streamInterrupted(
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
            "Hello, wor",
            "anthropic",
            "claude-sonnet-4");

    assertThat(e.category()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.partialText()).isEqualTo("Hello, wor");
    assertThat(e.getMessage()).contains("anthropic (claude-sonnet-4)", "Overloaded");
    assertThat(e.getCause()).isInstanceOfSatisfying(ProviderException.class, cause -> {
      assertThat(cause.providerType()).isEqualTo("overloaded_error");
      assertThat(cause.httpStatus()).isZero();
    });
  }

  @Test
  void aStreamThatStopsEarlyOrBreaksIsReportedAsInterrupted() {
    StreamInterruptedException eof = classifier.streamTruncated("partial", "openai", "gpt-4o", null);
    StreamInterruptedException broken =
        classifier.streamTruncated("", "openai", null, new SocketTimeoutException("timeout"));

    assertThat(eof.underlyingCategory()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    assertThat(eof.partialText()).isEqualTo("partial");
    assertThat(broken.underlyingCategory()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(broken.getCause()).isInstanceOf(ProviderException.class);
  }
}
