package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidRequestExceptionTest {

  @Test
  void theMessageIsPrefixedWithTheFieldAndTheCategoryIsInvalidRequest() {
    InvalidRequestException e = new InvalidRequestException("$.messages[2].content", "bad");
    assertThat(e.field()).isEqualTo("$.messages[2].content");
    assertThat(e).hasMessage("$.messages[2].content: bad").hasNoCause();
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isFalse();
  }

  @Test
  void withoutAFieldTheMessageStandsAlone() {
    Throwable cause = new IllegalArgumentException("x");
    InvalidRequestException e = new InvalidRequestException(null, "whole request", cause);
    assertThat(e.field()).isNull();
    assertThat(e).hasMessage("whole request").hasCause(cause);
  }
}
