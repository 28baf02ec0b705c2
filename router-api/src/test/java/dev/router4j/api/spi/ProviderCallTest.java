package dev.router4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderCallTest {

  @Test
  void toStringShowsTheCredentialLabelButNeverItsSecret() {
    ProviderCall call = new ProviderCall(ChatRequest.builder().model("a/m").user("hi").build(),
        Endpoint.builder("openai", "a/m").build(), Credential.apiKey("openai", "sk-top-secret-42"),
        Duration.ofSeconds(30));
    assertThat(call.toString())
        .isEqualTo("ProviderCall[openai:a/m, credential=openai-key, timeout=PT30S]")
        .doesNotContain("sk-top-secret-42");
  }
}
