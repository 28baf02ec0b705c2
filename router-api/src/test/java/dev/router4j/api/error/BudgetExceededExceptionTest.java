package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetExceededExceptionTest {

  @Test
  void itIsAPaymentFailureNamingTheCap() {
    BudgetExceededException e =
        new BudgetExceededException("workspace prod, daily $10.00", "daily cap reached");
    assertThat(e.cap()).isEqualTo("workspace prod, daily $10.00");
    assertThat(e).hasMessage("daily cap reached");
    assertThat(e.category()).isEqualTo(ErrorCategory.PAYMENT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isTrue();
  }
}
