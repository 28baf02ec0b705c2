package dev.router4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderTest {

  static final ProviderAdapter ADAPTER = new ProviderAdapter() {
    @Override
    public String protocol() {
      return "openai-chat";
    }

    @Override
    public ChatResponse chat(ProviderCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StreamHandle stream(ProviderCall call, ChunkListener listener) {
      throw new UnsupportedOperationException();
    }
  };

  @Test
  void anEndpointOfAnotherProviderIsRejected() {
    Endpoint foreign = Endpoint.builder("together", "meta-llama/llama-3.3-70b-instruct").build();
    assertThatThrownBy(() -> new Provider("deepinfra", ADAPTER, null, null, List.of(foreign)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoint together:meta-llama/llama-3.3-70b-instruct belongs to provider "
            + "together, not deepinfra");
  }

  @Test
  void ownEndpointsModelsAndCredentialsAreCopied() {
    List<Endpoint> endpoints = new ArrayList<>(List.of(
        Endpoint.builder("local", "me/llama").tag("local/gpu").build()));
    List<Credential> creds = new ArrayList<>(List.of(Credential.apiKey("local", "secret-value-99")));
    Provider p = new Provider("local", ADAPTER, creds, List.of(Model.of("me/llama", 8192)),
        endpoints);
    endpoints.clear();
    creds.clear();
    assertThat(p.endpoints()).hasSize(1);
    assertThat(p.credentials()).hasSize(1);
    assertThatThrownBy(() -> p.endpoints().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(p.toString())
        .isEqualTo("Provider[local, openai-chat, 1 credential(s), 1 endpoint(s)]")
        .doesNotContain("secret-value-99");
  }

  @Test
  void aMissingOrBlankSlugAndAMissingAdapterAreRejected() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new Provider(" ", ADAPTER, null, null, null)).getMessage())
        .isEqualTo("slug: must not be blank");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new Provider(null, ADAPTER, null, null, null)).field()).isEqualTo("slug");
    assertThatThrownBy(() -> new Provider("x", null, null, null, null))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("adapter");
  }
}
