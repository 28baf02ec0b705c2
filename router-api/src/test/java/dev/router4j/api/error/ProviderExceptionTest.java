package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {

  @Test
  void theMessageNamesProviderModelStatusCategoryTypeCodeAndTheProvidersMessage() {
    ProviderException e = ProviderException.builder(ErrorCategory.RATE_LIMITED)
        .provider("openai").model("openai/gpt-4.1").httpStatus(429)
        .providerType("requests").providerCode("rate_limit_exceeded")
        .providerMessage("Rate limit reached for gpt-4.1")
        .build();
    assertThat(e).hasMessage("openai (openai/gpt-4.1) answered HTTP 429 [RATE_LIMITED] "
        + "type=requests code=rate_limit_exceeded: Rate limit reached for gpt-4.1");
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(e.model()).isEqualTo("openai/gpt-4.1");
    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e.providerType()).isEqualTo("requests");
    assertThat(e.providerCode()).isEqualTo("rate_limit_exceeded");
    assertThat(e.providerMessage()).isEqualTo("Rate limit reached for gpt-4.1");
    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
  }

  @Test
  void aFailureWithoutAReplySaysFailedAndKeepsTheCause() {
    IOException cause = new IOException("connection reset");
    ProviderException e = ProviderException.builder(ErrorCategory.TRANSPORT)
        .provider("anthropic").cause(cause).build();
    assertThat(e).hasMessage("anthropic failed [TRANSPORT]").hasCause(cause);
    assertThat(e.httpStatus()).isZero();
    assertThat(ProviderException.builder(ErrorCategory.TIMEOUT).build())
        .hasMessage("provider failed [TIMEOUT]");
  }

  @Test
  void withoutOverridesRetryAndFallbackFollowTheCategory() {
    ProviderException e = ProviderException.builder(ErrorCategory.PROVIDER_OVERLOADED)
        .provider("anthropic").httpStatus(529).retryAfter(Duration.ofSeconds(7))
        .requestId("req_123").build();
    assertThat(e.retryable()).isTrue();
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(e.requestId()).isEqualTo("req_123");
  }

  @Test
  void overridesReplaceTheCategorysRetryAndFallbackAnswers() {
    ProviderException quota = ProviderException.builder(ErrorCategory.RATE_LIMITED)
        .provider("openai").httpStatus(429).providerCode("insufficient_quota")
        .retryable(false).build();
    assertThat(quota.retryable()).isFalse();
    assertThat(quota.fallbackWorthy()).isTrue();

    ProviderException region = ProviderException.builder(ErrorCategory.PERMISSION)
        .provider("openai").httpStatus(403).fallbackWorthy(true).build();
    assertThat(region.retryable()).isFalse();
    assertThat(region.fallbackWorthy()).isTrue();

    ProviderException noFallback = ProviderException.builder(ErrorCategory.PROVIDER_ERROR)
        .fallbackWorthy(false).retryable(true).build();
    assertThat(noFallback.fallbackWorthy()).isFalse();
    assertThat(noFallback.retryable()).isTrue();
  }

  @Test
  void anEmptyProviderMessageIsLeftOutAndACategoryIsRequired() {
    assertThat(ProviderException.builder(ErrorCategory.PROVIDER_ERROR).provider("x")
        .httpStatus(500).providerMessage("").build())
        .hasMessage("x answered HTTP 500 [PROVIDER_ERROR]");
    assertThatThrownBy(() -> ProviderException.builder(null))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("category");
  }

  @Test
  void anExceptionBuiltWithoutAStackTraceHasNoneAndACopyGetsTheCopiersOne() {
    ProviderException bare = ProviderException.builder(ErrorCategory.PROVIDER_OVERLOADED)
        .provider("down").model("m").httpStatus(503).providerMessage("busy").requestId("r1")
        .stackTrace(false).build();
    assertThat(bare.getStackTrace()).isEmpty();
    bare.fillInStackTrace(); // a no-op for such an exception
    assertThat(bare.getStackTrace()).isEmpty();
    assertThat(bare).hasMessage("down (m) answered HTTP 503 [PROVIDER_OVERLOADED]: busy");

    ProviderException copy = bare.toBuilder().build();
    assertThat(copy.getStackTrace()).isNotEmpty();
    assertThat(copy.getStackTrace()[0].getMethodName()).isEqualTo("build");
    assertThat(copy.getStackTrace()).anyMatch(f -> f.getMethodName()
        .equals("anExceptionBuiltWithoutAStackTraceHasNoneAndACopyGetsTheCopiersOne"));
    assertThat(copy).hasMessage(bare.getMessage());
    assertThat(copy.requestId()).isEqualTo("r1");
    assertThat(copy.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);

    assertThat(ProviderException.builder(ErrorCategory.TIMEOUT).build().getStackTrace())
        .isNotEmpty();
  }

  @Test
  void theMessageIsMadeOnceAndSurvivesSerialization() throws Exception {
    ProviderException e = ProviderException.builder(ErrorCategory.PROVIDER_ERROR)
        .provider("p").httpStatus(500).providerType("server_error").providerMessage("boom")
        .stackTrace(false).build();
    String message = e.getMessage();
    assertThat(e.getMessage()).isSameAs(message);
    assertThat(e.toString()).isEqualTo(ProviderException.class.getName() + ": " + message);

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      ProviderException back = (ProviderException) in.readObject();
      assertThat(back).hasMessage(message);
      assertThat(back.getStackTrace()).isEmpty();
    }
  }
}
