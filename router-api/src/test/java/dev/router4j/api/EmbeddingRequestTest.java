package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingRequestTest {

  @Test
  void anEmptyInputIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new EmbeddingRequest("m", List.of(), null, null, null, null));
    assertThat(e.field()).isEqualTo("input");
    assertThat(e.getMessage()).isEqualTo("input: must hold at least one text");
  }

  @Test
  void dimensionsBelowOneAreRejectedAndTheModelIsRequired() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new EmbeddingRequest("m", List.of("a"), 0, null, null, null)).getMessage())
        .isEqualTo("dimensions: must be at least 1, was 0");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> EmbeddingRequest.of(null, "a")).field()).isEqualTo("model");
    assertThat(EmbeddingRequest.of("m", "a", "b").input()).containsExactly("a", "b");
  }
}
