package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ToolChoiceTest {

  @Test
  void aFunctionChoiceCarriesItsName() {
    ToolChoice c = ToolChoice.function("weather");
    assertThat(c.mode()).isEqualTo(ToolChoice.Mode.FUNCTION);
    assertThat(c.functionName()).isEqualTo("weather");
    assertThat(ToolChoice.AUTO.functionName()).isNull();
  }

  @Test
  void aFunctionChoiceWithoutANameIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ToolChoice.function(null));
    assertThat(e.field()).isEqualTo("tool_choice");
    assertThat(e.getMessage()).isEqualTo(
        "tool_choice: a function name is required for, and only for, a function choice");
  }

  @Test
  void aNameOnANonFunctionChoiceIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new ToolChoice(ToolChoice.Mode.REQUIRED, "weather"));
    assertThat(e.field()).isEqualTo("tool_choice");
  }
}
