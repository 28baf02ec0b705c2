package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ReasoningTest {

  @Test
  void effortAndMaxTokensTogetherAreRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new Reasoning(Reasoning.Effort.HIGH, 1000, null, null));
    assertThat(e.field()).isEqualTo("reasoning");
    assertThat(e.getMessage()).isEqualTo(
        "reasoning: give effort or max_tokens, not both (effort=high, max_tokens=1000)");
  }

  @Test
  void negativeMaxTokensAreRejectedAndZeroIsAccepted() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Reasoning.maxTokens(-1));
    assertThat(e.field()).isEqualTo("reasoning.max_tokens");
    assertThat(e.getMessage()).isEqualTo("reasoning.max_tokens: must be at least 0, was -1");
    assertThat(Reasoning.maxTokens(0).maxTokens()).isZero();
  }

  @Test
  void isOnForAnEffortABudgetOrEnabledAlone() {
    assertThat(Reasoning.effort(Reasoning.Effort.MINIMAL).isOn()).isTrue();
    assertThat(Reasoning.maxTokens(1).isOn()).isTrue();
    assertThat(new Reasoning(null, null, null, true).isOn()).isTrue();
    assertThat(new Reasoning(null, null, true, true).isOn()).isTrue();
  }

  @Test
  void isOffForEnabledFalseEffortNoneAZeroBudgetOrNothingSet() {
    assertThat(new Reasoning(Reasoning.Effort.HIGH, null, null, false).isOn()).isFalse();
    assertThat(Reasoning.effort(Reasoning.Effort.NONE).isOn()).isFalse();
    assertThat(new Reasoning(Reasoning.Effort.NONE, null, null, true).isOn()).isFalse();
    assertThat(Reasoning.maxTokens(0).isOn()).isFalse();
    assertThat(new Reasoning(null, null, null, null).isOn()).isFalse();
    assertThat(new Reasoning(null, null, true, null).isOn()).isFalse();
  }

  @Test
  void effortsCarryTheirWireNamesAndBudgetShares() {
    assertThat(Reasoning.Effort.values()).extracting(Reasoning.Effort::wireName)
        .containsExactly("max", "xhigh", "high", "medium", "low", "minimal", "none");
    assertThat(Reasoning.Effort.values()).extracting(Reasoning.Effort::budgetPercent)
        .containsExactly(95, 95, 80, 50, 20, 10, 0);
    assertThat(Reasoning.Effort.fromWire("xhigh")).isEqualTo(Reasoning.Effort.XHIGH);
  }

  @Test
  void anUnknownEffortIsRejectedListingTheKnownOnes() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Reasoning.Effort.fromWire("extreme"));
    assertThat(e.field()).isEqualTo("reasoning.effort");
    assertThat(e.getMessage()).isEqualTo("reasoning.effort: unknown effort 'extreme' "
        + "(expected max, xhigh, high, medium, low, minimal or none)");
  }
}
