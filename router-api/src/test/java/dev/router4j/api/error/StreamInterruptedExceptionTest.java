package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamInterruptedExceptionTest {

  @Test
  void itKeepsThePartialTextAndTheUnderlyingCategory() {
    StreamInterruptedException e = new StreamInterruptedException(
        "upstream error mid-stream", "The answer is", ErrorCategory.PROVIDER_OVERLOADED, null);
    assertThat(e.category()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.partialText()).isEqualTo("The answer is");
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isFalse();
  }

  @Test
  void nullsBecomeEmptyTextAndAPlainInterruption() {
    StreamInterruptedException e = new StreamInterruptedException("eof", null, null, null);
    assertThat(e.partialText()).isEmpty();
    assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
  }
}
