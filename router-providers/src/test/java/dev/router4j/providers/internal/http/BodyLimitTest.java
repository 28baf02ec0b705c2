package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

class BodyLimitTest {
  private static ResponseBody body(int bytes) {
    return ResponseBody.create("x".repeat(bytes), MediaType.get("text/plain"));
  }

  @Test
  void aBodyWithinTheCapReadsWhole() throws Exception {
    BufferedSource s = BodyLimit.source(body(1000), 1000, "acme");
    assertThat(s.readUtf8()).hasSize(1000);
  }

  @Test
  void aBodyPastTheCapFailsTypedNamingTheProviderAndLimit() {
    BufferedSource s = BodyLimit.source(body(5000), 1000, "acme");
    assertThatThrownBy(s::readUtf8).isInstanceOfSatisfying(RouterException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
      assertThat(e.getMessage()).contains("acme").contains("1000-byte limit");
    });
  }
}
