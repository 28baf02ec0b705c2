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

  @Test
  void aSubclassMayLeaveTheStackTraceOutButNotTheCategory() {
    class Quiet extends RouterException {
      Quiet(ErrorCategory category, boolean trace) {
        super(category, "quiet", null, trace);
      }
    }
    Quiet bare = new Quiet(ErrorCategory.PROVIDER_ERROR, false);
    assertThat(bare.getStackTrace()).isEmpty();
    assertThat(bare).hasMessage("quiet");
    assertThat(bare.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(new Quiet(ErrorCategory.PROVIDER_ERROR, true).getStackTrace()).isNotEmpty();
    assertThatThrownBy(() -> new Quiet(null, false))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("category");
  }
}
