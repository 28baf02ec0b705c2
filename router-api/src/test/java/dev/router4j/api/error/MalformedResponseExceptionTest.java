package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedResponseExceptionTest {

  @Test
  void theMessageEndsWithThePathAndTheCategoryIsProviderError() {
    MalformedResponseException e = new MalformedResponseException(
        "$.choices[0].message", "expected an object", null);
    assertThat(e).hasMessage("expected an object at $.choices[0].message");
    assertThat(e.path()).isEqualTo("$.choices[0].message");
    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(new MalformedResponseException(null, "not JSON", null)).hasMessage("not JSON");
  }
}
