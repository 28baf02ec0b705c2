package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ToolCallTest {

  @Test
  void missingArgumentsBecomeAnEmptyObjectAndMalformedOnesAreKeptVerbatim() {
    assertThat(new ToolCall("c1", "f", null).arguments()).isEqualTo("{}");
    assertThat(new ToolCall("c1", "f", "{\"city\":\"Par").arguments())
        .isEqualTo("{\"city\":\"Par");
    assertThat(new ToolCall("c1", "f", null).type()).isEqualTo("function");
  }

  @Test
  void idAndNameAreRequired() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new ToolCall(null, "f", "{}")).field()).isEqualTo("tool_calls[].id");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new ToolCall("c1", null, "{}")).field()).isEqualTo("tool_calls[].function.name");
  }
}
