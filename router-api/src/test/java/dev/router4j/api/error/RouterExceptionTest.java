package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterExceptionTest {

  @Test
  void aCategoryIsRequiredAndTheCauseIsKept() {
    assertThatThrownBy(() -> new RouterException(null, "m"))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("category");
    IllegalStateException cause = new IllegalStateException("io");
    RouterException e = new RouterException(ErrorCategory.TRANSPORT, "reset", cause);
    assertThat(e).hasMessage("reset").hasCause(cause).isInstanceOf(RuntimeException.class);
    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSPORT);
  }
}
