package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How Gemini's replies and errors come back normalized. */
class GeminiResponseTest extends GeminiTestSupport {

  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("google/gemini-2.5-flash").user("Rivers of France?").build();

  @Test
  void aTextReplyIsNormalized() {
    enqueueJson(200, resource("generate-text.json"));
    ChatResponse r = chat(REQUEST);

    assertThat(r.id()).isEqualTo("nNpkaK3WIoGvz7IPyYuG-Ak");
    assertThat(r.model()).isEqualTo("gemini-2.0-flash");
    assertThat(r.provider()).isEqualTo("google-ai-studio");
    assertThat(r.object()).isEqualTo("chat.completion");
    assertThat(r.text()).isEqualTo("The Seine, the Loire and the Rhône.");
    assertThat(r.message().reasoning()).isNull();
    assertThat(r.message().reasoningDetails()).isEmpty();
    assertThat(r.toolCalls()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("STOP");
    assertThat(r.choices().get(0).extra()).containsKey("safetyRatings");
    Usage u = r.usage();
    assertThat(u.promptTokens()).isEqualTo(9);
    assertThat(u.completionTokens()).isEqualTo(11);
    assertThat(u.totalTokens()).isEqualTo(20);
    assertThat(u.cachedTokens()).isNull();
    assertThat(u.reasoningTokens()).isNull();
  }

  @Test
  void thoughtsBecomeReasoningAndSignaturesEncryptedDetailsWithThoughtAndCachedTokenUsage() {
    enqueueJson(200, resource("generate-thinking.json"));
    ChatResponse r = chat(REQUEST);

    assertThat(r.text()).isEqualTo("Seine, Loire and Rhône.");
    assertThat(r.message().reasoning()).startsWith("**Listing French rivers**")
        .endsWith("the Seine and the Rhône.\n");
    assertThat(r.message().reasoningDetails()).containsExactly(
        new ReasoningDetail("reasoning.text", r.message().reasoning(), null, null, null, null,
            "google-gemini-v1", null, null),
        new ReasoningDetail("reasoning.encrypted", null, null,
            "CiQB0e2Kb2Q7tZkN3m5c0mXo5Yt0hT1oU9Dq3xX8uRr2oBzQ9eoKYgHR7YpvS1l2", null, null,
            "google-gemini-v1", null, null));
    Usage u = r.usage();
    assertThat(u.promptTokens()).isEqualTo(1210);
    assertThat(u.cachedTokens()).isEqualTo(1024);
    assertThat(u.completionTokens()).isEqualTo(8 + 55);
    assertThat(u.reasoningTokens()).isEqualTo(55);
    assertThat(u.totalTokens()).isEqualTo(1273);
  }

  @Test
  void functionCallsBecomeToolCallsWithStableIdsAndFinishToolCalls() {
    enqueueJson(200, resource("generate-function-call.json"));
    ChatResponse r = chat(REQUEST);

    assertThat(r.toolCalls()).containsExactly(
        new ToolCall("call_dHrkaO2dC4rXz7IPpJ2o4Qc_0", "get_weather",
            "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
        new ToolCall("call_dHrkaO2dC4rXz7IPpJ2o4Qc_1", "get_weather",
            "{\"city\":\"Lyon\",\"unit\":\"celsius\"}"));
    assertThat(r.message().content()).isNull();
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("STOP");
    // The signature belongs to the first call.
    assertThat(r.message().reasoningDetails()).containsExactly(new ReasoningDetail(
        "reasoning.encrypted", null, null,
        "EpcDCpQDAdHtim9R0bJ8uTfqPq1kUjP6H8mYwL5E3Xo2dG4hNcVa7KsZ1bQe", null,
        "call_dHrkaO2dC4rXz7IPpJ2o4Qc_0", "google-gemini-v1", null, null));
    assertThat(r.usage().completionTokens()).isEqualTo(42 + 111);
    assertThat(r.usage().reasoningTokens()).isEqualTo(111);

    // The same reply twice gives the same ids.
    enqueueJson(200, resource("generate-function-call.json"));
    assertThat(chat(REQUEST).toolCalls()).isEqualTo(r.toolCalls());
  }

  @Test
  void aFunctionCallIdFromGeminiIsKeptAndToolUsePromptTokensCountAsPrompt() {
    enqueueJson(200, """
        {"candidates":[{"content":{"role":"model","parts":[
          {"text":"Checking."},
          {"functionCall":{"id":"fc_7d1e","name":"lookup","args":{}}}]},
          "finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":100,"toolUsePromptTokenCount":20,
          "candidatesTokenCount":5,"totalTokenCount":125},
         "modelVersion":"gemini-2.5-pro","responseId":"r-1"}
        """);
    ChatResponse r = chat(REQUEST);
    assertThat(r.toolCalls()).containsExactly(new ToolCall("fc_7d1e", "lookup", "{}"));
    assertThat(r.text()).isEqualTo("Checking.");
    assertThat(r.usage().promptTokens()).isEqualTo(120);
    assertThat(r.usage().completionTokens()).isEqualTo(5);
    assertThat(r.usage().totalTokens()).isEqualTo(125);
  }

  @ParameterizedTest
  @CsvSource({
      "STOP, stop",
      "MAX_TOKENS, length",
      "SAFETY, content_filter",
      "RECITATION, content_filter",
      "BLOCKLIST, content_filter",
      "PROHIBITED_CONTENT, content_filter",
      "SPII, content_filter",
      "IMAGE_SAFETY, content_filter",
      "IMAGE_PROHIBITED_CONTENT, content_filter",
      "IMAGE_OTHER, content_filter",
      "MALFORMED_FUNCTION_CALL, error",
      "UNEXPECTED_TOOL_CALL, error",
      "TOO_MANY_TOOL_CALLS, error",
      "MISSING_THOUGHT_SIGNATURE, error",
      "LANGUAGE, error",
      "OTHER, error",
      "NO_IMAGE, error",
      "FINISH_REASON_UNSPECIFIED, error",
  })
  void everyFinishReasonClassIsMappedAndTheNativeValueKept(String nativeReason, String expected) {
    enqueueJson(200, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]},"
        + "\"finishReason\":\"" + nativeReason + "\",\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,\"totalTokenCount\":4},"
        + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"fr\"}");
    ChatResponse r = chat(REQUEST);
    assertThat(r.finishReason().wireName()).isEqualTo(expected);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo(nativeReason);
  }

  @Test
  void aCandidateStoppedForSafetyHasEmptyContent() {
    enqueueJson(200, resource("generate-safety.json"));
    ChatResponse r = chat(REQUEST);
    assertThat(r.text()).isEmpty();
    assertThat(r.message().content()).isEqualTo("");
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("SAFETY");
    assertThat(r.choices().get(0).extra().get("safetyRatings").toString()).contains("HIGH");
    assertThat(r.usage().completionTokens()).isZero();
  }

  @Test
  void aBlockedPromptIsAnEmptyContentFilteredAnswer() {
    enqueueJson(200, resource("generate-blocked-prompt.json"));
    ChatResponse r = chat(REQUEST);
    assertThat(r.id()).isEqualTo("B1RlaI3xAvKn1MkPq7a3oAE");
    assertThat(r.text()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("PROHIBITED_CONTENT");
    assertThat(r.extra()).containsKey("promptFeedback");
    assertThat(r.usage().promptTokens()).isEqualTo(27);
    assertThat(r.usage().completionTokens()).isZero();
    assertThat(r.usage().totalTokens()).isEqualTo(27);
  }

  @Test
  void anInvalidKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
    enqueueJson(400, resource("error-400-api-key.json"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> chat(REQUEST));
    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.provider()).isEqualTo("google-ai-studio");
    assertThat(e.model()).isEqualTo("google/gemini-2.5-flash");
    assertThat(e.providerMessage()).contains("API key not valid");
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.getMessage()).doesNotContain(KEY);
    assertThat(String.valueOf(e.providerMessage())).doesNotContain(KEY);
  }

  @Test
  void aPlainBadRequestIsAnInvalidRequest() {
    enqueueJson(400, resource("error-400-invalid.json"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> chat(REQUEST));
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.providerMessage()).contains("thought_signature");
    assertThat(e.fallbackWorthy()).isFalse();
  }

  @Test
  void permissionDeniedIsAPermissionError() {
    enqueueJson(403, resource("error-403.json"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> chat(REQUEST));
    assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION);
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.providerCode()).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void resourceExhaustedIsRateLimitedWithTheRetryInfoDelay() {
    enqueueJson(429, resource("error-429.json"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> chat(REQUEST));
    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(34));
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerCode()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void unavailableIsOverloaded() {
    enqueueJson(503, resource("error-503.json"));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> chat(REQUEST));
    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.providerMessage()).contains("overloaded");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anUnusableReplyIsMalformed() {
    enqueueJson(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"cut");
    assertThatThrownBy(() -> chat(REQUEST)).isInstanceOf(MalformedResponseException.class);
    enqueueJson(200, "{\"modelVersion\":\"gemini-2.5-flash\"}");
    assertThatThrownBy(() -> chat(REQUEST)).isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("$.candidates");
    enqueueJson(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{}}}]}}]}");
    assertThatThrownBy(() -> chat(REQUEST)).isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("functionCall");
  }
}
