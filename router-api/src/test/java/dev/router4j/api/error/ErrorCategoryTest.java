package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCategoryTest {

  @ParameterizedTest(name = "{0}: retryable={1}, fallbackWorthy={2}")
  @CsvSource({
      "INVALID_REQUEST,         false, false",
      "AUTHENTICATION,          false, true",
      "PERMISSION,              false, false",
      "PAYMENT,                 false, true",
      "NOT_FOUND,               false, true",
      "TIMEOUT,                 true,  true",
      "RATE_LIMITED,            true,  true",
      "CONTEXT_LENGTH_EXCEEDED, false, true",
      "PROVIDER_OVERLOADED,     true,  true",
      "PROVIDER_ERROR,          true,  true",
      "TRANSPORT,               true,  true",
      "STREAM_INTERRUPTED,      false, false",
      "CANCELLED,               false, false",
  })
  void eachCategorySaysWhetherToRetryAndWhetherToFallBack(
      ErrorCategory category, boolean retryable, boolean fallbackWorthy) {
    assertThat(category.retryable()).isEqualTo(retryable);
    assertThat(category.fallbackWorthy()).isEqualTo(fallbackWorthy);
  }

  @Test
  void theTableCoversEveryCategoryAndNothingRetryableIsUnworthyOfFallback() {
    assertThat(ErrorCategory.values()).hasSize(13);
    for (ErrorCategory c : ErrorCategory.values()) {
      if (c.retryable()) {
        assertThat(c.fallbackWorthy()).as(c.name()).isTrue();
      }
    }
  }

  @Test
  void aRouterExceptionAnswersWithItsCategory() {
    RouterException e = new RouterException(ErrorCategory.RATE_LIMITED, "slow down");
    assertThat(e.retryable()).isTrue();
    assertThat(e.fallbackWorthy()).isTrue();
    assertThat(e.retryAfter()).isNull();
    assertThat(new RouterException(ErrorCategory.PERMISSION, "no").fallbackWorthy()).isFalse();
  }
}
